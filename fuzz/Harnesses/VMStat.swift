import MemSense

/// Feeds arbitrary bytes to `VMStat(parsing:)` (input like `pgscan_direct 1234`): it may throw
/// `ParseError`, never crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = try? VMStat(parsing: UnsafeBufferPointer(start: data, count: size))
    return 0
}
