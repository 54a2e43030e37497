import MemSense
import Testing

@Test func numbersThatOverflowSixtyFourBitsAreRejected() {
    let text = Array("18446744073709551616".utf8)
    text.withUnsafeBufferPointer { #expect(KernelNumber.uint64($0) == nil) }
}
