import MemSense
import Testing

@Test func numbersThatOverflowSixtyFourBitsAreRejected() {
    let text = Array("18446744073709551616".utf8)
    text.withUnsafeBufferPointer { #expect(KernelNumber.uint64($0) == nil) }
}

@Test func decimalsReadAsTheNearestDouble() {
    let text = Array("1.36".utf8)
    text.withUnsafeBufferPointer { #expect(KernelNumber.decimal($0) == 1.36) }
}
