/// The two figures of the node that move first when memory starts to run short, read on a calm
/// tick instead of a whole sample.
///
/// Every reclaim, by kswapd or by an allocating task, and every refault of the working set is
/// accounted as a memory stall, so while the PSI `some` total stands still nothing was reclaimed
/// anywhere on the node, in any cgroup. Memory taken without reclaim comes out of free memory
/// page for page: free memory is what the kernel hands out before it reclaims anything.
public struct NodeGlance: Sendable, Equatable {
    /// /proc/pressure/memory `some` total, in microseconds.
    public var memoryStallUs: UInt64
    /// MemFree: memory no one uses, not even the page cache.
    public var freeBytes: UInt64
    public var totalBytes: UInt64

    public init(memoryStallUs: UInt64, freeBytes: UInt64, totalBytes: UInt64) {
        self.memoryStallUs = memoryStallUs
        self.freeBytes = freeBytes
        self.totalBytes = totalBytes
    }
}
