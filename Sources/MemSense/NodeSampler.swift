#if canImport(Glibc)
    import Glibc
#endif

/// Samples the whole node once per tick: /proc/meminfo, /proc/vmstat, /proc/stat and the
/// memory, io and cpu files of /proc/pressure, read through a `FileSource`.
///
/// It owns one read buffer and the parsed values and reuses them, and on a `DirectorySource`
/// it keeps the hot files open, so a healthy tick is a few `pread`s and no allocation. A calm
/// tick takes a `glance` instead: the memory PSI and the free memory.
public final class NodeSampler {
    /// Reads the node's free and total memory without /proc/meminfo (`SystemMemory` in
    /// LinuxSys): the same counters as MemFree and MemTotal, for a source that is this machine.
    public typealias FreeMemoryReader = () -> (freeBytes: UInt64, totalBytes: UInt64)

    private let source: any FileSource
    private let freeMemory: FreeMemoryReader?
    private let pageSizeBytes: UInt64
    private var buffer = ReadBuffer(capacity: 16 * 1024)
    private var cpu = CPUStat()
    private var previous: Sample?
    /// Pressure files found absent (no PSI) or unsupported (booted with `psi=0`), by resource.
    /// PSI cannot be switched on at run time, so they are not looked for again.
    private var isPressureAbsent = InlineArray<3, Bool>(repeating: false)
    /// The zones' low watermarks from /proc/zoneinfo, read once when MemAvailable is missing.
    private var lowWatermarkBytes: UInt64?
    private var hasLookedForZoneInfo = false
    /// The glance that the last `sample` holds: what later glances are compared with. Nil
    /// without memory PSI or MemFree.
    public private(set) var lastGlance: NodeGlance?

    static let memInfoPath = "proc/meminfo"
    static let vmStatPath = "proc/vmstat"
    static let statPath = "proc/stat"
    static let zoneInfoPath = "proc/zoneinfo"

    private enum Resource: Int, CaseIterable {
        case memory, io, cpu

        var path: String {
            switch self {
            case .memory: "proc/pressure/memory"
            case .io: "proc/pressure/io"
            case .cpu: "proc/pressure/cpu"
            }
        }
    }

    /// - Parameters:
    ///   - pageSizeBytes: the unit of /proc/zoneinfo; this machine's page size unless the source
    ///     is a fixture from another architecture.
    ///   - freeMemory: where a glance reads the free memory; nil: MemFree of the source's
    ///     /proc/meminfo.
    public init(
        source: any FileSource, pageSizeBytes: UInt64 = UInt64(sysconf(Int32(_SC_PAGESIZE))),
        freeMemory: FreeMemoryReader? = nil
    ) throws(MemSenseError) {
        self.source = source
        self.pageSizeBytes = pageSizeBytes
        self.freeMemory = freeMemory
        guard let directory = source as? DirectorySource else { return }
        do {
            try directory.keepOpen(Self.memInfoPath, isWrittenWhole: true)
            try directory.keepOpen(Self.vmStatPath)
            try directory.keepOpen(Self.statPath, isWrittenWhole: true)
            for resource in Resource.allCases {
                do {
                    try directory.keepOpen(resource.path, isWrittenWhole: true)
                } catch let error where error.isGone {
                    isPressureAbsent[resource.rawValue] = true
                }
            }
        } catch {
            throw .unreadable(error)
        }
    }

    /// Reads and parses the node's files and returns them as one sample at `tMs` (the caller's
    /// monotonic clock), with rates since the previous call.
    public func sample(at tMs: Int64) throws(MemSenseError) -> Sample {
        let memInfo = try read(Self.memInfoPath, MemInfo.init(parsing:))
        if memInfo.isAvailableEstimated { try lookForZoneInfo() }
        var sample = Sample(
            kind: .node, tMs: tMs, totalBytes: memInfo.totalBytes,
            availableBytes: memInfo.availableBytes(lowWatermarkBytes: lowWatermarkBytes),
            isAvailableEstimated: memInfo.isAvailableEstimated, anonBytes: memInfo.anonPagesBytes,
            fileBytes: memInfo.activeFileBytes.addingSaturating(memInfo.inactiveFileBytes),
            swapTotalBytes: memInfo.swapTotalBytes, swapFreeBytes: memInfo.swapFreeBytes, counters: try counters(),
            memoryPressure: try pressure(.memory), ioPressure: try pressure(.io), cpuPressure: try pressure(.cpu))
        if let previous { sample.rates = Rates(from: previous, to: sample) }
        previous = sample
        lastGlance = sample.memoryPressure.flatMap { pressure in
            memInfo[.memFree].map {
                NodeGlance(memoryStallUs: pressure.someTotalUs, freeBytes: $0, totalBytes: memInfo.totalBytes)
            }
        }
        return sample
    }

    /// The memory PSI `some` total and the free memory: what a calm tick looks at. Nil on a
    /// kernel without memory PSI, where only a full sample tells whether memory is getting short.
    public func glance() throws(MemSenseError) -> NodeGlance? {
        guard let stallUs = try pressure(.memory, PressureFile.someTotalUs(parsing:)) ?? nil else { return nil }
        if let freeMemory {
            let memory = freeMemory()
            return NodeGlance(memoryStallUs: stallUs, freeBytes: memory.freeBytes, totalBytes: memory.totalBytes)
        }
        let memInfo = try read(Self.memInfoPath) { bytes throws(ParseError) in
            try MemInfo(parsing: bytes, through: .memFree)
        }
        guard let freeBytes = memInfo[.memFree] else { return nil }
        return NodeGlance(memoryStallUs: stallUs, freeBytes: freeBytes, totalBytes: memInfo.totalBytes)
    }

    /// The reclaim, fault and CPU counters, from /proc/vmstat and /proc/stat.
    private func counters() throws(MemSenseError) -> Counters {
        let vmStat = try read(Self.vmStatPath, VMStat.init(parsing:))
        try read(Self.statPath) { bytes throws(ParseError) in try cpu.update(parsing: bytes) }
        // khugepaged's reclaim is direct reclaim that 5.8+ counts apart; fold it back in, so that
        // the direct counters mean the same on every kernel.
        var counters = Counters()
        counters.scanKswapdPages = vmStat.scanKswapdPages
        counters.scanDirectPages = vmStat.scanDirectPages.addingSaturating(vmStat.scanKhugepagedPages)
        counters.stealPages = vmStat.stealKswapdPages.addingSaturating(vmStat.stealDirectPages)
            .addingSaturating(vmStat.stealKhugepagedPages)
        counters.allocStalls = vmStat.allocStalls
        counters.refaults = vmStat.refaults
        counters.majorFaults = vmStat.majorFaults
        counters.oomKills = vmStat.oomKills
        counters.swapInPages = vmStat.swapInPages
        counters.swapOutPages = vmStat.swapOutPages
        counters.cpuTotalTicks = cpu.total.totalTicks
        counters.cpuIOWaitTicks = cpu.total.ioWait
        counters.cpuSystemTicks = cpu.total.system
        return counters
    }

    /// Reads `path` into the shared buffer and parses it, naming the path in any error.
    private func read<Value>(
        _ path: String, _ parse: (UnsafeBufferPointer<UInt8>) throws(ParseError) -> Value
    ) throws(MemSenseError) -> Value {
        try source.parse(path, into: &buffer, with: parse)
    }

    /// The resource's PSI, or nil when the kernel has none: the file is absent (no
    /// CONFIG_PSI, or before 4.20), the read fails with EOPNOTSUPP (PSI disabled), or it has
    /// no `some` line.
    private func pressure(_ resource: Resource) throws(MemSenseError) -> Pressure? {
        try pressure(resource) { bytes throws(ParseError) in try PressureFile(parsing: bytes).pressure } ?? nil
    }

    /// The resource's pressure file parsed with `parse`; nil when the kernel has none.
    private func pressure<Value>(
        _ resource: Resource, _ parse: (UnsafeBufferPointer<UInt8>) throws(ParseError) -> Value
    ) throws(MemSenseError) -> Value? {
        guard !isPressureAbsent[resource.rawValue] else { return nil }
        do {
            return try read(resource.path, parse)
        } catch .unreadable(let error) where error.isGone || error == .failed(path: resource.path, errno: EOPNOTSUPP) {
            isPressureAbsent[resource.rawValue] = true
            return nil
        }
    }

    /// Reads the low watermarks once, for estimating MemAvailable on kernels before 3.14.
    /// Without /proc/zoneinfo `MemInfo` approximates them from MemTotal.
    private func lookForZoneInfo() throws(MemSenseError) {
        guard !hasLookedForZoneInfo else { return }
        do {
            let zones = try read(Self.zoneInfoPath, ZoneInfo.init(parsing:))
            let (bytes, overflow) = zones.lowWatermarkPages.multipliedReportingOverflow(by: pageSizeBytes)
            lowWatermarkBytes = overflow ? .max : bytes
        } catch .unreadable(let error) where error.isGone {
            // No zoneinfo (a fixture, a restricted /proc): MemInfo approximates the watermarks.
        }
        hasLookedForZoneInfo = true
    }
}
