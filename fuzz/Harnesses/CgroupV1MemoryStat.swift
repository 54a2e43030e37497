import MemSense

/// Feeds arbitrary bytes to `CgroupV1MemoryStat.init(parsing:)` (cgroup v1 memory.stat, e.g. `total_rss 1234`): it may throw
/// `ParseError`, never crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = try? CgroupV1MemoryStat.init(parsing:)(UnsafeBufferPointer(start: data, count: size))
    return 0
}
