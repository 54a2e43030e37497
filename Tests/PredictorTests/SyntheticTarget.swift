import MemSense

/// Builds the samples of one synthetic target: a memory cgroup with a 512 MiB limit on a node
/// much larger than it, with rates derived the way MemSense derives them.
struct SyntheticTarget {
    static let limitBytes: UInt64 = 512 << 20
    var totalBytes: UInt64 = SyntheticTarget.limitBytes
    private var previous: Sample?

    /// The next sample at `tMs`, with `availableFraction` of the limit available and these
    /// per-second rates over the interval since the previous sample.
    mutating func sample(
        tMs: Int64, availableFraction: Double, refaultsPerSecond: Double = 0, limitHitsPerSecond: Double = 0,
        fullStallShare: Double = 0
    ) -> Sample {
        var sample = Sample(
            kind: .cgroupV1, tMs: tMs, totalBytes: totalBytes,
            availableBytes: UInt64(Double(totalBytes) * min(1, max(0, availableFraction))))
        if let previous {
            var rates = Rates()
            rates.intervalMs = tMs - previous.tMs
            rates.refaultsPerSecond = refaultsPerSecond
            rates.majorFaultsPerSecond = refaultsPerSecond
            rates.limitHitsPerSecond = limitHitsPerSecond
            rates.memoryFullStallShare = fullStallShare
            rates.memorySomeStallShare = fullStallShare
            sample.rates = rates
        }
        previous = sample
        return sample
    }
}
