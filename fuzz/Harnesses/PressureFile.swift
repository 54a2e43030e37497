import MemSense

/// Feeds arbitrary bytes to `PressureFile(parsing:)` and `PressureFile.someTotalUs(parsing:)` (input like `some avg10=0.00 avg60=0.00 avg300=0.00 total=0`): it may throw
/// `ParseError`, never crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    _ = try? PressureFile(parsing: bytes)
    _ = try? PressureFile.someTotalUs(parsing: bytes)
    return 0
}
