/// The two figures of the node that move first when memory starts to run short, read on a calm
/// tick instead of a whole sample.
///
/// Every reclaim, by kswapd or by an allocating task, and every refault of the working set is
/// accounted as a memory stall, so while the PSI `some` total stands still nothing was reclaimed
/// anywhere on the node, in any cgroup; MemAvailable shows memory being taken without reclaim.
public struct NodeGlance: Sendable, Equatable {
    /// /proc/pressure/memory `some` total, in microseconds.
    public var memoryStallUs: UInt64
    public var availableBytes: UInt64
    public var totalBytes: UInt64

    public init(memoryStallUs: UInt64, availableBytes: UInt64, totalBytes: UInt64) {
        self.memoryStallUs = memoryStallUs
        self.availableBytes = availableBytes
        self.totalBytes = totalBytes
    }

    /// The glance a full node sample holds; nil without memory PSI or with MemAvailable estimated.
    public init?(_ sample: Sample) {
        guard let stallUs = sample.memoryPressure?.someTotalUs, !sample.isAvailableEstimated else { return nil }
        self.init(memoryStallUs: stallUs, availableBytes: sample.availableBytes, totalBytes: sample.totalBytes)
    }
}
