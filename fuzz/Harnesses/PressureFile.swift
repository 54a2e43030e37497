import MemSense

/// Feeds arbitrary bytes to `PressureFile(parsing:)` (input like `some avg10=0.00 avg60=0.00 avg300=0.00 total=0`): it may throw
/// `ParseError`, never crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = try? PressureFile(parsing: UnsafeBufferPointer(start: data, count: size))
    return 0
}
