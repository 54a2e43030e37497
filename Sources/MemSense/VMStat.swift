/// The reclaim, fault and swap counters of /proc/vmstat that tell memory pressure.
///
/// Lines read `pgscan_kswapd 3868525`. Kernels before 4.8 count reclaim per zone
/// (`pgscan_kswapd_normal`, `pgscan_direct_dma32`), kernels before 4.10 write one `allocstall`,
/// and kernels before 5.9 one `workingset_refault`; each family is summed into one counter, so
/// every kernel yields the same fields. Other keys are checked for form and skipped.
public struct VMStat: Sendable, Equatable {
    /// Pages scanned and reclaimed by kswapd, the background reclaimer.
    public var scanKswapdPages: UInt64 = 0
    public var stealKswapdPages: UInt64 = 0
    /// Pages scanned and reclaimed by allocating tasks themselves (direct reclaim).
    public var scanDirectPages: UInt64 = 0
    public var stealDirectPages: UInt64 = 0
    /// Direct reclaim done by khugepaged, counted apart since 5.8 (inside `direct` before).
    public var scanKhugepagedPages: UInt64 = 0
    public var stealKhugepagedPages: UInt64 = 0
    /// Times an allocation entered direct reclaim (`allocstall` or the sum of `allocstall_*`).
    public var allocStalls: UInt64 = 0
    /// Evicted pages faulted back in (`workingset_refault`, or `_anon` + `_file`): thrashing.
    public var refaults: UInt64 = 0
    public var majorFaults: UInt64 = 0
    /// Processes killed by the kernel's OOM killer (4.13+; 0 before).
    public var oomKills: UInt64 = 0
    public var swapInPages: UInt64 = 0
    public var swapOutPages: UInt64 = 0

    public init() {}

    public init(parsing bytes: UnsafeBufferPointer<UInt8>) throws(ParseError) {
        var scanner = ByteScanner(bytes)
        let isPlainText = KernelKey.isPlainText(bytes)
        while var line = scanner.nextLine() {
            guard let key = line.nextField() else { continue }
            guard isPlainText || KernelKey.isPrintable(key), let field = line.nextField(),
                let value = KernelNumber.uint64(field),
                line.nextField() == nil
            else { throw ParseError(line: scanner.lineNumber, "expected `key value`") }
            add(value, for: key)
        }
        guard scanner.lineNumber > 0 else { throw ParseError(line: 0, "empty file") }
    }

    /// Dispatches on the first letter: most keys (`nr_*`, `numa_*`, `thp_*`, `compact_*`) are
    /// no counter of ours and are passed over without comparing names.
    private mutating func add(_ value: UInt64, for key: UnsafeBufferPointer<UInt8>) {
        switch key.first {
        case UInt8(ascii: "p"):
            addPaging(value, for: key)
        case UInt8(ascii: "a") where Self.isZoneFamily(key, "allocstall"):
            allocStalls = allocStalls.addingSaturating(value)
        case UInt8(ascii: "w"):
            guard let kind = KernelKey.suffix(of: key, after: "workingset_refault"),
                kind.isEmpty || KernelNumber.field(kind, equals: "_anon") || KernelNumber.field(kind, equals: "_file")
            else { return }
            refaults = refaults.addingSaturating(value)
        case UInt8(ascii: "o") where KernelNumber.field(key, equals: "oom_kill"):
            oomKills = value
        default:
            return
        }
    }

    /// The reclaim families (`pgscan_*`, `pgsteal_*`), `pgmajfault`, `pswpin` and `pswpout`.
    private mutating func addPaging(_ value: UInt64, for key: UnsafeBufferPointer<UInt8>) {
        if let reclaimer = KernelKey.suffix(of: key, after: "pgscan_") {
            if Self.isZoneFamily(reclaimer, "kswapd") {
                scanKswapdPages = scanKswapdPages.addingSaturating(value)
            } else if Self.isZoneFamily(reclaimer, "direct") {
                scanDirectPages = scanDirectPages.addingSaturating(value)
            } else if Self.isZoneFamily(reclaimer, "khugepaged") {
                scanKhugepagedPages = scanKhugepagedPages.addingSaturating(value)
            }
        } else if let reclaimer = KernelKey.suffix(of: key, after: "pgsteal_") {
            if Self.isZoneFamily(reclaimer, "kswapd") {
                stealKswapdPages = stealKswapdPages.addingSaturating(value)
            } else if Self.isZoneFamily(reclaimer, "direct") {
                stealDirectPages = stealDirectPages.addingSaturating(value)
            } else if Self.isZoneFamily(reclaimer, "khugepaged") {
                stealKhugepagedPages = stealKhugepagedPages.addingSaturating(value)
            }
        } else if KernelNumber.field(key, equals: "pgmajfault") {
            majorFaults = value
        } else if KernelNumber.field(key, equals: "pswpin") {
            swapInPages = value
        } else if KernelNumber.field(key, equals: "pswpout") {
            swapOutPages = value
        }
    }

    /// Whether `key` is `family` itself or `family` followed by a zone (`_dma`, `_dma32`,
    /// `_normal`, `_high`, `_movable`, `_device`). Other suffixes are other counters:
    /// `pgscan_direct_throttle` counts throttling events, not pages.
    private static func isZoneFamily(_ key: UnsafeBufferPointer<UInt8>, _ family: StaticString) -> Bool {
        guard let zone = KernelKey.suffix(of: key, after: family) else { return false }
        return zone.isEmpty || KernelNumber.field(zone, equals: "_dma") || KernelNumber.field(zone, equals: "_dma32")
            || KernelNumber.field(zone, equals: "_normal") || KernelNumber.field(zone, equals: "_high")
            || KernelNumber.field(zone, equals: "_movable") || KernelNumber.field(zone, equals: "_device")
    }
}
