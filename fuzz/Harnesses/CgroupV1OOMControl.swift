import MemSense

/// Feeds arbitrary bytes to `CgroupV1OOMControl.init(parsing:)` (cgroup v1 memory.oom_control, e.g. `under_oom 0`): it may throw
/// `ParseError`, never crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = try? CgroupV1OOMControl.init(parsing:)(UnsafeBufferPointer(start: data, count: size))
    return 0
}
