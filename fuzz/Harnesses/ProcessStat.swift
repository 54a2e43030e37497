import MemSense

/// Feeds arbitrary bytes to `ProcessStat.init(parsing:)` (/proc/PID/stat, e.g. `1234 (foo) Z ) S 1 1234 1234 0 -1 4194560 ...`): it may throw
/// `ParseError`, never crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = try? ProcessStat.init(parsing:)(UnsafeBufferPointer(start: data, count: size))
    return 0
}
