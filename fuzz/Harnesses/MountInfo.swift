import MemSense

/// Feeds arbitrary bytes to `MountInfo.init(parsing:)` (/proc/self/mountinfo, e.g. `30 25 0:26 / /sys/fs/cgroup/memory rw - cgroup cgroup rw,memory`): it may throw
/// `ParseError`, never crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = try? MountInfo.init(parsing:)(UnsafeBufferPointer(start: data, count: size))
    return 0
}
