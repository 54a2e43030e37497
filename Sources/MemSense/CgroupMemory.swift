/// What one read of a memory cgroup's files says, in bytes, before it becomes a `Sample`.
public struct CgroupMemory: Sendable, Equatable {
    public var version: CgroupVersion
    /// v1 memory.usage_in_bytes, v2 memory.current.
    public var usageBytes: UInt64
    /// The smallest of the group's limit and (v1) its ancestors'; nil when there is none.
    public var limitBytes: UInt64?
    /// v1 total_rss, v2 anon.
    public var anonBytes: UInt64
    /// v1 total_cache, v2 file (both include tmpfs and shared memory).
    public var fileBytes: UInt64
    public var inactiveFileBytes: UInt64
    /// v1 total_swap, v2 memory.swap.current; 0 without swap accounting.
    public var swapUsedBytes: UInt64
    /// v1 memsw limit minus memory limit, v2 memory.swap.max; nil when there is none.
    public var swapLimitBytes: UInt64?
    public var counters: Counters

    public init(
        version: CgroupVersion, usageBytes: UInt64, limitBytes: UInt64?, anonBytes: UInt64 = 0,
        fileBytes: UInt64 = 0, inactiveFileBytes: UInt64 = 0, swapUsedBytes: UInt64 = 0,
        swapLimitBytes: UInt64? = nil, counters: Counters = Counters()
    ) {
        self.version = version
        self.usageBytes = usageBytes
        self.limitBytes = limitBytes
        self.anonBytes = anonBytes
        self.fileBytes = fileBytes
        self.inactiveFileBytes = inactiveFileBytes
        self.swapUsedBytes = swapUsedBytes
        self.swapLimitBytes = swapLimitBytes
        self.counters = counters
    }

    /// The group as a sample. A limit above the node's memory (or none) is the node's memory:
    /// the group can never get more. Available is what the group may still get before its
    /// OOM killer runs: the limit minus usage, plus the inactive file pages reclaim would
    /// drop first, within 0...limit. Memory PSI is left nil here; the caller adds it.
    public func sample(tMs: Int64, nodeTotalBytes: UInt64, nodeSwapTotalBytes: UInt64) -> Sample {
        let totalBytes = min(limitBytes ?? .max, nodeTotalBytes)
        let available = Int128(totalBytes) - Int128(usageBytes) + Int128(inactiveFileBytes)
        let swapTotalBytes = min(swapLimitBytes ?? .max, nodeSwapTotalBytes)
        return Sample(
            kind: version.kind, tMs: tMs, totalBytes: totalBytes,
            availableBytes: UInt64(min(max(available, 0), Int128(totalBytes))),
            anonBytes: anonBytes, fileBytes: fileBytes, swapTotalBytes: swapTotalBytes,
            swapFreeBytes: swapTotalBytes - min(swapUsedBytes, swapTotalBytes), counters: counters)
    }
}
