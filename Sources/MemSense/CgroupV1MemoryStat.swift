/// The hierarchical (`total_*`) values of a cgroup v1 memory.stat, in bytes and pages:
///
///     hierarchical_memory_limit 67108864
///     total_rss 48975872
///     total_inactive_file 15753216
///     total_workingset_refault_file 25
///
/// `total_*` counts the group and its descendants, which is what its limit applies to.
/// Absent keys stay 0: older kernels lack shmem, swap (no swap accounting) and the refault
/// counters, and write `total_workingset_refault` before the anon/file split of 5.9.
public struct CgroupV1MemoryStat: Sendable, Equatable {
    /// The smallest limit of the group and its ancestors; nil when there is none.
    public var hierarchicalLimitBytes: UInt64?
    /// The same for memory plus swap; nil without a limit or without swap accounting.
    public var hierarchicalMemswLimitBytes: UInt64?
    public var cacheBytes: UInt64 = 0
    public var rssBytes: UInt64 = 0
    public var shmemBytes: UInt64 = 0
    public var swapBytes: UInt64 = 0
    public var inactiveFileBytes: UInt64 = 0
    public var activeFileBytes: UInt64 = 0
    public var majorFaults: UInt64 = 0
    /// Refaults of anon and file pages together.
    public var refaults: UInt64 = 0

    public init(parsing bytes: UnsafeBufferPointer<UInt8>) throws(ParseError) {
        try CgroupKeyedValues.forEach(in: bytes) { key, value in
            let limit = value >= CgroupLimit.unlimitedFloor ? nil : value
            if KernelNumber.field(key, equals: "hierarchical_memory_limit") {
                hierarchicalLimitBytes = limit
            } else if KernelNumber.field(key, equals: "hierarchical_memsw_limit") {
                hierarchicalMemswLimitBytes = limit
            } else if KernelNumber.field(key, equals: "total_cache") {
                cacheBytes = value
            } else if KernelNumber.field(key, equals: "total_rss") {
                rssBytes = value
            } else if KernelNumber.field(key, equals: "total_shmem") {
                shmemBytes = value
            } else if KernelNumber.field(key, equals: "total_swap") {
                swapBytes = value
            } else if KernelNumber.field(key, equals: "total_inactive_file") {
                inactiveFileBytes = value
            } else if KernelNumber.field(key, equals: "total_active_file") {
                activeFileBytes = value
            } else if KernelNumber.field(key, equals: "total_pgmajfault") {
                majorFaults = value
            } else if KernelNumber.field(key, equals: "total_workingset_refault_anon")
                || KernelNumber.field(key, equals: "total_workingset_refault_file")
                || KernelNumber.field(key, equals: "total_workingset_refault")
            {
                refaults &+= value
            }
        }
    }
}
