/// What a sample describes: the whole node, or one memory cgroup.
public enum TargetKind: String, Sendable, Codable, Equatable {
    case node
    case cgroupV1 = "cgroup-v1"
    case cgroupV2 = "cgroup-v2"
}

/// One pressure-stall line set of /proc/pressure/* or a cgroup's *.pressure file.
/// Averages are percentages of wall time (0...100); totals are microseconds of stall.
public struct Pressure: Sendable, Equatable {
    public var someAvg10: Double
    public var someAvg60: Double
    public var someAvg300: Double
    public var someTotalUs: UInt64
    /// The `full` line; nil where the kernel writes none (`cpu` before 5.13).
    public var full: Stall?

    public struct Stall: Sendable, Equatable {
        public var avg10: Double
        public var avg60: Double
        public var avg300: Double
        public var totalUs: UInt64

        public init(avg10: Double, avg60: Double, avg300: Double, totalUs: UInt64) {
            self.avg10 = avg10
            self.avg60 = avg60
            self.avg300 = avg300
            self.totalUs = totalUs
        }
    }

    public init(someAvg10: Double, someAvg60: Double, someAvg300: Double, someTotalUs: UInt64, full: Stall?) {
        self.someAvg10 = someAvg10
        self.someAvg60 = someAvg60
        self.someAvg300 = someAvg300
        self.someTotalUs = someTotalUs
        self.full = full
    }
}

/// Cumulative kernel counters of a target at one moment; rates are their differences.
/// A counter the kernel does not offer for this target stays 0.
public struct Counters: Sendable, Equatable {
    /// Pages scanned by kswapd and by direct reclaim (vmstat pgscan_kswapd, pgscan_direct).
    public var scanKswapdPages: UInt64 = 0
    public var scanDirectPages: UInt64 = 0
    /// Pages reclaimed (vmstat pgsteal_kswapd + pgsteal_direct).
    public var stealPages: UInt64 = 0
    /// Direct-reclaim stalls (vmstat allocstall_*).
    public var allocStalls: UInt64 = 0
    /// Refaults of evicted pages (workingset_refault_anon + _file).
    public var refaults: UInt64 = 0
    public var majorFaults: UInt64 = 0
    public var oomKills: UInt64 = 0
    public var swapInPages: UInt64 = 0
    public var swapOutPages: UInt64 = 0
    /// Times the cgroup hit its limit (v1 memory.failcnt, v2 memory.events max).
    public var limitHits: UInt64 = 0
    /// CPU time in USER_HZ ticks from the `cpu` line of /proc/stat (the node's, for every target).
    public var cpuTotalTicks: UInt64 = 0
    public var cpuIOWaitTicks: UInt64 = 0
    public var cpuSystemTicks: UInt64 = 0

    public init() {}
}

/// Per-second rates of a target between two samples.
public struct Rates: Sendable, Equatable {
    public var intervalMs: Int64 = 0
    public var scanKswapdPerSecond: Double = 0
    public var scanDirectPerSecond: Double = 0
    public var stealPerSecond: Double = 0
    public var allocStallsPerSecond: Double = 0
    public var refaultsPerSecond: Double = 0
    public var majorFaultsPerSecond: Double = 0
    public var swapInPerSecond: Double = 0
    public var swapOutPerSecond: Double = 0
    public var limitHitsPerSecond: Double = 0
    public var oomKills: UInt64 = 0
    /// Shares of all CPU time in 0...1.
    public var ioWaitShare: Double = 0
    public var systemShare: Double = 0
    /// Fraction of wall time in 0...1 that some / all tasks stalled on memory (from PSI totals).
    public var memorySomeStallShare: Double = 0
    public var memoryFullStallShare: Double = 0

    public init() {}
}

/// One observation of one target: the node or a memory cgroup, at a monotonic time.
public struct Sample: Sendable, Equatable {
    public var kind: TargetKind
    /// Monotonic milliseconds; the caller's clock, never read here.
    public var tMs: Int64
    /// The memory the target may use: MemTotal for the node, the effective limit for a cgroup
    /// (its limit, or the node's MemTotal when it has none).
    public var totalBytes: UInt64
    /// What could still be given out without the OOM killer: MemAvailable for the node; for a
    /// cgroup, limit minus usage plus its reclaimable inactive file pages.
    public var availableBytes: UInt64
    /// True when the node's MemAvailable was absent (before 3.14) and estimated.
    public var isAvailableEstimated: Bool
    public var anonBytes: UInt64
    public var fileBytes: UInt64
    public var swapTotalBytes: UInt64
    public var swapFreeBytes: UInt64
    public var counters: Counters
    /// Memory PSI of the target (node /proc/pressure/memory or the v2 group's memory.pressure);
    /// nil where PSI is absent or disabled.
    public var memoryPressure: Pressure?
    public var ioPressure: Pressure?
    public var cpuPressure: Pressure?
    /// Rates since the previous sample of the same target; nil for the first one.
    public var rates: Rates?
    /// A cgroup target's own figures (usage, limit, swap) as read; nil for the node.
    public var cgroupMemory: CgroupMemory?

    public init(
        kind: TargetKind, tMs: Int64, totalBytes: UInt64, availableBytes: UInt64,
        isAvailableEstimated: Bool = false, anonBytes: UInt64 = 0, fileBytes: UInt64 = 0,
        swapTotalBytes: UInt64 = 0, swapFreeBytes: UInt64 = 0, counters: Counters = Counters(),
        memoryPressure: Pressure? = nil, ioPressure: Pressure? = nil, cpuPressure: Pressure? = nil,
        rates: Rates? = nil
    ) {
        self.kind = kind
        self.tMs = tMs
        self.totalBytes = totalBytes
        self.availableBytes = availableBytes
        self.isAvailableEstimated = isAvailableEstimated
        self.anonBytes = anonBytes
        self.fileBytes = fileBytes
        self.swapTotalBytes = swapTotalBytes
        self.swapFreeBytes = swapFreeBytes
        self.counters = counters
        self.memoryPressure = memoryPressure
        self.ioPressure = ioPressure
        self.cpuPressure = cpuPressure
        self.rates = rates
    }

    /// Available memory as a fraction of `totalBytes`, in 0...1.
    public var availableFraction: Double {
        totalBytes == 0 ? 0 : min(1, Double(availableBytes) / Double(totalBytes))
    }
}
