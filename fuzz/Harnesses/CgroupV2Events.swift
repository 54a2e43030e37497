import MemSense

/// Feeds arbitrary bytes to `CgroupV2Events.init(parsing:)` (cgroup v2 memory.events, e.g. `oom_kill 0`): it may throw
/// `ParseError`, never crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = try? CgroupV2Events.init(parsing:)(UnsafeBufferPointer(start: data, count: size))
    return 0
}
