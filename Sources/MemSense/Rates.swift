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
        // Values rather than key paths: a key path is projected at run time, on every tick.
        func perSecond(_ old: UInt64, _ new: UInt64) -> Double {
            Double(Self.delta(old, new)) / seconds
        }
        scanKswapdPerSecond = perSecond(old.scanKswapdPages, new.scanKswapdPages)
        scanDirectPerSecond = perSecond(old.scanDirectPages, new.scanDirectPages)
        stealPerSecond = perSecond(old.stealPages, new.stealPages)
        allocStallsPerSecond = perSecond(old.allocStalls, new.allocStalls)
        refaultsPerSecond = perSecond(old.refaults, new.refaults)
        majorFaultsPerSecond = perSecond(old.majorFaults, new.majorFaults)
        swapInPerSecond = perSecond(old.swapInPages, new.swapInPages)
        swapOutPerSecond = perSecond(old.swapOutPages, new.swapOutPages)
        limitHitsPerSecond = perSecond(old.limitHits, new.limitHits)
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
