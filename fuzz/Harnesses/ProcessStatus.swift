import MemSense

/// Feeds arbitrary bytes to `ProcessStatus.init(parsing:)` (/proc/PID/status, e.g. `VmRSS:     1234 kB`): it may throw
/// `ParseError`, never crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = try? ProcessStatus.init(parsing:)(UnsafeBufferPointer(start: data, count: size))
    return 0
}
