/// A cgroup memory limit: v2 `memory.max`, `memory.high`, `memory.low`, `memory.min`,
/// `memory.swap.max` (`max` or bytes) and v1 `memory.limit_in_bytes`, whose "no limit" is
/// the largest page-aligned value below 2^63 (`9223372036854771712` with 4 KiB pages,
/// `9223372036854710272` with 64 KiB pages).
public enum CgroupLimit {
    /// No machine has 4 EiB of memory: anything at or above this is "no limit".
    static let unlimitedFloor: UInt64 = 1 << 62

    /// The limit in bytes, or nil for no limit.
    public static func bytes(parsing bytes: UnsafeBufferPointer<UInt8>) throws(ParseError) -> UInt64? {
        let field = try SingleValue.onlyField(bytes)
        if KernelNumber.field(field, equals: "max") { return nil }
        guard let value = KernelNumber.uint64(field) else {
            throw ParseError(line: 1, "a limit is a number of bytes or max")
        }
        return value >= unlimitedFloor ? nil : value
    }
}
