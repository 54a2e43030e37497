import MemSense

/// Feeds arbitrary bytes to `CgroupLimit.bytes(parsing:)` (memory.limit_in_bytes or memory.max, e.g. `max`): it may throw
/// `ParseError`, never crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = try? CgroupLimit.bytes(parsing:)(UnsafeBufferPointer(start: data, count: size))
    return 0
}
