/// Samples one memory cgroup, tick after tick, through a file source.
///
/// The group is named by a directory prefix of the source: `sys/fs/cgroup/memory/kubepods/pod1`
/// on a live system or a fixture tree, `cgroup` for a recorded trace (whose samples hold
/// `cgroup/memory.stat`...). File paths are built once, and each tick reads into one reused
/// buffer. A group removed while it is watched throws an error whose `isGone` is true.
public final class CgroupSampler {
    public let version: CgroupVersion
    public let directory: String
    private let source: any FileSource
    private let paths: Paths
    private var buffer = ReadBuffer(capacity: 8192)
    private var previous: Sample?
    /// Optional files (v2 swap files without swap accounting) found absent once, not read again.
    private var isSwapAccountingAbsent = false
    /// memory.pressure found absent (a kernel without PSI), not read again.
    private var isPressureAbsent = false

    public init(source: any FileSource, directory: String, version: CgroupVersion) {
        self.source = source
        self.directory = directory
        self.version = version
        paths = Paths(directory: directory, version: version)
        // A calm tick reads the usage file alone, every tick: kept open, it is one pread with no
        // path built and nothing allocated. A group already gone fails its first read instead.
        try? (source as? DirectorySource)?.keepOpen(paths.usage, isWrittenWhole: true)
    }

    deinit {
        (source as? DirectorySource)?.stopKeepingOpen(paths.usage)
    }

    /// The group now, taken with the node's sample of the same tick, with its rates since the
    /// previous sample. The node lends what a group has no file for: the memory that bounds an
    /// unlimited group, the CPU time behind the iowait and system shares, and on v1 (no
    /// per-group PSI) the node's memory PSI, which counts the group's stalls too.
    public func sample(within node: Sample) throws(MemSenseError) -> Sample {
        let memory = try memory()
        var current = memory.sample(
            tMs: node.tMs, nodeTotalBytes: node.totalBytes, nodeSwapTotalBytes: node.swapTotalBytes)
        current.cgroupMemory = memory
        current.counters.cpuTotalTicks = node.counters.cpuTotalTicks
        current.counters.cpuIOWaitTicks = node.counters.cpuIOWaitTicks
        current.counters.cpuSystemTicks = node.counters.cpuSystemTicks
        current.ioPressure = node.ioPressure
        current.cpuPressure = node.cpuPressure
        current.memoryPressure = version == .v1 ? node.memoryPressure : try groupPressure()
        if let previous { current.rates = Rates(from: previous, to: current) }
        previous = current
        return current
    }

    /// The v2 group's memory.pressure; nil where the kernel has no PSI for it.
    private func groupPressure() throws(MemSenseError) -> Pressure? {
        guard !isPressureAbsent else { return nil }
        do {
            return try source.parse(paths.pressure, into: &buffer, with: PressureFile.init(parsing:)).pressure
        } catch .unreadable(let error) where error == .notFound(path: paths.pressure) {
            isPressureAbsent = true
            return nil
        }
    }

    /// The group's usage and its own limit (nil for none), without the counters: what a list of
    /// targets shows.
    public func usageAndLimit() throws(MemSenseError) -> (usageBytes: UInt64, limitBytes: UInt64?) {
        let usage = try usageBytes()
        let limit = try source.parse(paths.limit, into: &buffer, with: CgroupLimit.bytes(parsing:))
        return (usage, limit)
    }

    /// The group's usage alone: what a calm tick reads of it.
    public func usageBytes() throws(MemSenseError) -> UInt64 {
        try source.parse(paths.usage, into: &buffer, with: SingleValue.uint64(parsing:))
    }

    /// One read of the group's files.
    public func memory() throws(MemSenseError) -> CgroupMemory {
        switch version {
        case .v1: try memoryV1()
        case .v2: try memoryV2()
        }
    }

    private func memoryV1() throws(MemSenseError) -> CgroupMemory {
        let usage = try source.parse(paths.usage, into: &buffer, with: SingleValue.uint64(parsing:))
        let limit = try source.parse(paths.limit, into: &buffer, with: CgroupLimit.bytes(parsing:))
        let stat = try source.parse(paths.stat, into: &buffer, with: CgroupV1MemoryStat.init(parsing:))
        let oomControl = try source.parse(paths.events, into: &buffer, with: CgroupV1OOMControl.init(parsing:))
        let failures = try source.parse(paths.failures, into: &buffer, with: SingleValue.uint64(parsing:))
        let effectiveLimit =
            switch (limit, stat.hierarchicalLimitBytes) {
            case (let own?, let inherited?): min(own, inherited)
            case (let own, let inherited): own ?? inherited
            }
        var counters = Counters()
        counters.refaults = stat.refaults
        counters.majorFaults = stat.majorFaults
        counters.limitHits = failures
        counters.oomKills = oomControl.oomKills
        return CgroupMemory(
            version: .v1, usageBytes: usage, limitBytes: effectiveLimit, anonBytes: stat.rssBytes,
            fileBytes: stat.cacheBytes, inactiveFileBytes: stat.inactiveFileBytes, swapUsedBytes: stat.swapBytes,
            swapLimitBytes: stat.hierarchicalMemswLimitBytes.map { $0 - min($0, effectiveLimit ?? 0) },
            counters: counters)
    }

    private func memoryV2() throws(MemSenseError) -> CgroupMemory {
        let usage = try source.parse(paths.usage, into: &buffer, with: SingleValue.uint64(parsing:))
        let limit = try source.parse(paths.limit, into: &buffer, with: CgroupLimit.bytes(parsing:))
        let stat = try source.parse(paths.stat, into: &buffer, with: CgroupV2MemoryStat.init(parsing:))
        let events = try source.parse(paths.events, into: &buffer, with: CgroupV2Events.init(parsing:))
        var swapUsed: UInt64 = 0
        var swapLimit: UInt64?
        if !isSwapAccountingAbsent {
            do {
                swapUsed = try source.parse(paths.swapUsage, into: &buffer, with: SingleValue.uint64(parsing:))
                swapLimit = try source.parse(paths.swapLimit, into: &buffer, with: CgroupLimit.bytes(parsing:))
            } catch .unreadable(.notFound) {
                isSwapAccountingAbsent = true
            }
        }
        var counters = Counters()
        // Reclaim forced by the group's own limit is direct reclaim, so a kernel that writes
        // only the total pgscan has it counted as direct scanning.
        counters.scanKswapdPages = stat.scanKswapdPages ?? 0
        counters.scanDirectPages = stat.scanDirectPages ?? stat.scanPages
        counters.stealPages = stat.stealPages
        counters.refaults = stat.refaults
        counters.majorFaults = stat.majorFaults
        counters.limitHits = events.max
        counters.oomKills = events.oomKill
        return CgroupMemory(
            version: .v2, usageBytes: usage, limitBytes: limit, anonBytes: stat.anonBytes, fileBytes: stat.fileBytes,
            inactiveFileBytes: stat.inactiveFileBytes, swapUsedBytes: swapUsed, swapLimitBytes: swapLimit,
            counters: counters)
    }

    /// The files of one group, by role.
    private struct Paths {
        let usage: String
        let limit: String
        let stat: String
        /// v1 memory.oom_control, v2 memory.events.
        let events: String
        /// v1 memory.failcnt (v2 counts limit hits in memory.events).
        let failures: String
        let swapUsage: String
        let swapLimit: String
        let pressure: String

        init(directory: String, version: CgroupVersion) {
            let prefix = directory.hasSuffix("/") ? directory : directory + "/"
            stat = prefix + "memory.stat"
            swapUsage = prefix + "memory.swap.current"
            swapLimit = prefix + "memory.swap.max"
            failures = prefix + "memory.failcnt"
            pressure = prefix + "memory.pressure"
            switch version {
            case .v1:
                usage = prefix + "memory.usage_in_bytes"
                limit = prefix + "memory.limit_in_bytes"
                events = prefix + "memory.oom_control"
            case .v2:
                usage = prefix + "memory.current"
                limit = prefix + "memory.max"
                events = prefix + "memory.events"
            }
        }
    }
}
