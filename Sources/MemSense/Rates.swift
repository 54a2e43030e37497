extension Rates {
    /// The rates between two samples of one target, from their counters and PSI totals.
    /// A counter that went backwards (a reset, a recreated cgroup) counts as no change.
    public init(from previous: Sample, to current: Sample) {
        self.init()
        let elapsedMs = current.tMs - previous.tMs
        intervalMs = elapsedMs
        guard elapsedMs > 0 else { return }
        let seconds = Double(elapsedMs) / 1000
        let old = previous.counters
        let new = current.counters
        func perSecond(_ keyPath: KeyPath<Counters, UInt64>) -> Double {
            Double(Self.delta(old[keyPath: keyPath], new[keyPath: keyPath])) / seconds
        }
        scanKswapdPerSecond = perSecond(\.scanKswapdPages)
        scanDirectPerSecond = perSecond(\.scanDirectPages)
        stealPerSecond = perSecond(\.stealPages)
        allocStallsPerSecond = perSecond(\.allocStalls)
        refaultsPerSecond = perSecond(\.refaults)
        majorFaultsPerSecond = perSecond(\.majorFaults)
        swapInPerSecond = perSecond(\.swapInPages)
        swapOutPerSecond = perSecond(\.swapOutPages)
        limitHitsPerSecond = perSecond(\.limitHits)
        oomKills = Self.delta(old.oomKills, new.oomKills)
        let cpuTicks = Self.delta(old.cpuTotalTicks, new.cpuTotalTicks)
        if cpuTicks > 0 {
            ioWaitShare = Double(Self.delta(old.cpuIOWaitTicks, new.cpuIOWaitTicks)) / Double(cpuTicks)
            systemShare = Double(Self.delta(old.cpuSystemTicks, new.cpuSystemTicks)) / Double(cpuTicks)
        }
        let elapsedUs = Double(elapsedMs) * 1000
        if let before = previous.memoryPressure, let after = current.memoryPressure {
            memorySomeStallShare = min(1, Double(Self.delta(before.someTotalUs, after.someTotalUs)) / elapsedUs)
            if let fullBefore = before.full, let fullAfter = after.full {
                memoryFullStallShare = min(1, Double(Self.delta(fullBefore.totalUs, fullAfter.totalUs)) / elapsedUs)
            }
        }
    }

    private static func delta(_ old: UInt64, _ new: UInt64) -> UInt64 {
        new >= old ? new - old : 0
    }
}
