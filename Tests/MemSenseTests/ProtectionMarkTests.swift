import MemSense
import Testing

private func mark(_ text: String) -> ProtectionMark? {
    Array(text.utf8).withUnsafeBufferPointer { ProtectionMark.parsing($0) }
}

@Test func anEnvironmentWithoutTheMarkIsNotProtected() {
    #expect(mark("PATH=/bin\0HOME=/root\0") == nil)
    #expect(mark("") == nil)
    #expect(mark("FASTOOMD_PROTECTED=0\0") == nil)
    #expect(mark("XFASTOOMD_PROTECTED=1\0") == nil)
}

@Test func theMarkIsReadWithOrWithoutAMaximumStall() {
    #expect(mark("PATH=/bin\0FASTOOMD_PROTECTED=1\0") == ProtectionMark(maxStallSeconds: nil))
    #expect(mark("FASTOOMD_MAX_STALL_S=120\0FASTOOMD_PROTECTED=1") == ProtectionMark(maxStallSeconds: 120))
}

@Test(arguments: ["0", "-5", "86401", "12x", "", "99999999999999999999999"])
func aMaximumStallThatIsNotASensibleNumberLeavesTheProtectionForGood(_ value: String) {
    #expect(mark("FASTOOMD_PROTECTED=1\0FASTOOMD_MAX_STALL_S=\(value)\0") == ProtectionMark(maxStallSeconds: nil))
}

@Test func hostileBytesAroundTheMarkAreIgnored() {
    let bytes: [UInt8] = [0xff, 0xfe, 0] + Array("FASTOOMD_PROTECTED=1".utf8) + [0, 0, 0x80]
    #expect(bytes.withUnsafeBufferPointer { ProtectionMark.parsing($0) } == ProtectionMark())
}
