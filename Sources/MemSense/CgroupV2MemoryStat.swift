/// The values of a cgroup v2 memory.stat that the sample needs, in bytes and pages:
///
///     anon 1294168064
///     file 3870687232
///     inactive_file 1284907008
///     pgscan 787288
///     workingset_refault 510510
///
/// v2 counts are hierarchical already. Kernels before 5.9 write `workingset_refault` instead
/// of `workingset_refault_anon` and `_file`; `pgscan_kswapd`/`pgscan_direct` (and the
/// `pgsteal_` pair) exist only on newer kernels, next to the totals.
public struct CgroupV2MemoryStat: Sendable, Equatable {
    public var anonBytes: UInt64 = 0
    /// Page cache, tmpfs and shared memory included.
    public var fileBytes: UInt64 = 0
    public var shmemBytes: UInt64 = 0
    public var inactiveFileBytes: UInt64 = 0
    public var activeFileBytes: UInt64 = 0
    public var majorFaults: UInt64 = 0
    /// Refaults of anon and file pages together.
    public var refaults: UInt64 = 0
    public var scanPages: UInt64 = 0
    public var scanKswapdPages: UInt64?
    public var scanDirectPages: UInt64?
    public var stealPages: UInt64 = 0

    public init(parsing bytes: UnsafeBufferPointer<UInt8>) throws(ParseError) {
        try CgroupKeyedValues.forEach(in: bytes) { key, value in
            if KernelNumber.field(key, equals: "anon") {
                anonBytes = value
            } else if KernelNumber.field(key, equals: "file") {
                fileBytes = value
            } else if KernelNumber.field(key, equals: "shmem") {
                shmemBytes = value
            } else if KernelNumber.field(key, equals: "inactive_file") {
                inactiveFileBytes = value
            } else if KernelNumber.field(key, equals: "active_file") {
                activeFileBytes = value
            } else if KernelNumber.field(key, equals: "pgmajfault") {
                majorFaults = value
            } else if KernelNumber.field(key, equals: "workingset_refault_anon")
                || KernelNumber.field(key, equals: "workingset_refault_file")
                || KernelNumber.field(key, equals: "workingset_refault")
            {
                refaults &+= value
            } else if KernelNumber.field(key, equals: "pgscan") {
                scanPages = value
            } else if KernelNumber.field(key, equals: "pgscan_kswapd") {
                scanKswapdPages = value
            } else if KernelNumber.field(key, equals: "pgscan_direct") {
                scanDirectPages = value
            } else if KernelNumber.field(key, equals: "pgsteal") {
                stealPages = value
            }
        }
    }
}
