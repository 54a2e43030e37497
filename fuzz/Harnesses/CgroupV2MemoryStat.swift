import MemSense

/// Feeds arbitrary bytes to `CgroupV2MemoryStat.init(parsing:)` (cgroup v2 memory.stat, e.g. `anon 1234`): it may throw
/// `ParseError`, never crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = try? CgroupV2MemoryStat.init(parsing:)(UnsafeBufferPointer(start: data, count: size))
    return 0
}
