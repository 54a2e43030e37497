import MemSense

/// Feeds arbitrary bytes to `ProcessCgroups.init(parsing:)` (/proc/PID/cgroup, e.g. `4:memory:/user.slice`): it may throw
/// `ParseError`, never crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = try? ProcessCgroups.init(parsing:)(UnsafeBufferPointer(start: data, count: size))
    return 0
}
