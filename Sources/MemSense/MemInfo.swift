/// The node's memory counters from /proc/meminfo, every known field in bytes.
///
/// A line reads `MemAvailable:   24324952 kB`: values with a `kB` unit are stored times 1024;
/// the `HugePages_*` lines have no unit and stay counts. Keys this type does not know (newer
/// kernels add some) are checked for form and skipped. The values sit in fixed inline storage,
/// so parsing allocates nothing.
public struct MemInfo: Sendable {
    typealias Storage = InlineArray<67, UInt64?>
    private var values = Storage(repeating: nil)

    /// Parses a whole /proc/meminfo. Throws when MemTotal is missing or a line is malformed.
    public init(parsing bytes: UnsafeBufferPointer<UInt8>) throws(ParseError) {
        try self.init(parsing: bytes, through: nil)
    }

    /// Parses /proc/meminfo up to and including the line of `last` (in the kernel's order:
    /// `.memAvailable` is the third line), which is all a calm tick needs; the whole file where
    /// that line is missing or `last` is nil. Throws when MemTotal is missing or a line read is
    /// malformed.
    public init(parsing bytes: UnsafeBufferPointer<UInt8>, through last: Field?) throws(ParseError) {
        var scanner = ByteScanner(bytes)
        var hint = 0
        // The whole file is checked in one vectorised pass; the first few lines key by key.
        let isPlainText = last == nil && KernelKey.isPlainText(bytes)
        while var line = scanner.nextLine() {
            guard let key = line.nextField() else { continue }
            let number = scanner.lineNumber
            if Self.isOldHeader(key) { continue }
            guard key.last == UInt8(ascii: ":"), isPlainText || KernelKey.isPrintable(key) else {
                throw ParseError(line: number, "expected `Key: value [kB]`")
            }
            guard let valueField = line.nextField(), let count = KernelNumber.uint64(valueField) else {
                throw ParseError(line: number, "expected a decimal value below 2^64")
            }
            var value = count
            if let unit = line.nextField() {
                guard KernelNumber.field(unit, equals: "kB") else { throw ParseError(line: number, "unknown unit") }
                let (bytes, overflow) = count.multipliedReportingOverflow(by: 1024)
                guard !overflow else { throw ParseError(line: number, "value in bytes exceeds 2^64") }
                value = bytes
            }
            guard line.nextField() == nil else { throw ParseError(line: number, "unexpected text after the value") }
            let name = UnsafeBufferPointer(rebasing: key.dropLast())
            if let field = Field.find(name, from: hint) {
                values[field.rawValue] = value
                hint = field.rawValue + 1
                if field == last { break }
            }
        }
        guard scanner.lineNumber > 0 else { throw ParseError(line: 0, "empty file") }
        guard values[Field.memTotal.rawValue] != nil else { throw ParseError(line: 0, "no MemTotal line") }
    }

    /// Kernels 2.4 and some 32-bit vendor kernels start with a table in another format:
    /// `        total:    used:    free:  shared: buffers:  cached:`, then `Mem:` and `Swap:`
    /// rows of byte counts. The same numbers follow as ordinary lines, so the table is skipped.
    private static func isOldHeader(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        KernelNumber.field(key, equals: "total:") || KernelNumber.field(key, equals: "Mem:")
            || KernelNumber.field(key, equals: "Swap:")
    }

    /// The field's value (bytes, or a count for `HugePages_*`), or nil when the file lacks it.
    public subscript(field: Field) -> UInt64? {
        values[field.rawValue]
    }

    public var totalBytes: UInt64 { self[.memTotal] ?? 0 }
    public var freeBytes: UInt64 { self[.memFree] ?? 0 }
    public var buffersBytes: UInt64 { self[.buffers] ?? 0 }
    public var cachedBytes: UInt64 { self[.cached] ?? 0 }
    public var activeFileBytes: UInt64 { self[.activeFile] ?? 0 }
    public var inactiveFileBytes: UInt64 { self[.inactiveFile] ?? 0 }
    public var activeAnonBytes: UInt64 { self[.activeAnon] ?? 0 }
    public var inactiveAnonBytes: UInt64 { self[.inactiveAnon] ?? 0 }
    public var anonPagesBytes: UInt64 { self[.anonPages] ?? 0 }
    public var shmemBytes: UInt64 { self[.shmem] ?? 0 }
    public var sReclaimableBytes: UInt64 { self[.sReclaimable] ?? 0 }
    public var swapTotalBytes: UInt64 { self[.swapTotal] ?? 0 }
    public var swapFreeBytes: UInt64 { self[.swapFree] ?? 0 }
    public var hugePagesTotal: UInt64 { self[.hugePagesTotal] ?? 0 }
    public var hugePagesFree: UInt64 { self[.hugePagesFree] ?? 0 }
    public var hugePageSizeBytes: UInt64 { self[.hugepagesize] ?? 0 }

    /// True when the kernel wrote no MemAvailable (before 3.14) and `availableBytes` estimates it.
    public var isAvailableEstimated: Bool { self[.memAvailable] == nil }

    /// MemAvailable; on kernels without it, the kernel's own estimate (`si_mem_available()`)
    /// from the other fields. `lowWatermarkBytes` is the sum of the zones' low watermarks (from
    /// /proc/zoneinfo); without it the watermark is approximated from MemTotal.
    public func availableBytes(lowWatermarkBytes: UInt64? = nil) -> UInt64 {
        if let available = self[.memAvailable] { return available }
        return estimatedAvailableBytes(lowWatermarkBytes: lowWatermarkBytes ?? approximateLowWatermarkBytes)
    }

    /// `si_mem_available()` of mm/page_alloc.c: free pages minus the low watermarks, plus the
    /// page cache and reclaimable slab, of which at least half or a watermark's worth must stay.
    func estimatedAvailableBytes(lowWatermarkBytes low: UInt64) -> UInt64 {
        let pageCache = activeFileBytes.addingSaturating(inactiveFileBytes)
        let slab = self[.kReclaimable] ?? sReclaimableBytes
        let kept = freeBytes.addingSaturating(pageCache - min(pageCache / 2, low))
            .addingSaturating(slab - min(slab / 2, low))
        return kept > low ? kept - low : 0
    }

    /// The low watermark the kernel would set on this machine: `min_free_kbytes` defaults to
    /// `sqrt(lowmem_kbytes * 16)` clamped to 128...65536 kB (kernels before 3.14, the only ones
    /// that need the estimate), spread over the zones, and each zone's low mark is 5/4 of its min.
    /// Lowmem is taken as MemTotal, which is exact on 64-bit kernels.
    var approximateLowWatermarkBytes: UInt64 {
        let totalKB = totalBytes / 1024
        let minFreeKB = min(max(UInt64((Double(totalKB) * 16).squareRoot()), 128), 65536)
        return minFreeKB * 5 / 4 * 1024
    }
}

extension MemInfo {
    /// The fields of /proc/meminfo up to 6.18, in the order the kernel writes them.
    public enum Field: Int, CaseIterable, Sendable {
        case memTotal, memFree, memAvailable, buffers, cached, swapCached, active, inactive
        case activeAnon, inactiveAnon, activeFile, inactiveFile, unevictable, mlocked
        case highTotal, highFree, lowTotal, lowFree, mmapCopy, swapTotal, swapFree, zswap, zswapped
        case dirty, writeback, anonPages, mapped, shmem, kReclaimable, slab, sReclaimable, sUnreclaim
        case kernelStack, shadowCallStack, pageTables, secPageTables, nfsUnstable, bounce, writebackTmp
        case commitLimit, committedAS, vmallocTotal, vmallocUsed, vmallocChunk, percpu, earlyMemtestBad
        case hardwareCorrupted, anonHugePages, shmemHugePages, shmemPmdMapped, fileHugePages, filePmdMapped
        case cmaTotal, cmaFree, unaccepted, balloon, quicklists
        case hugePagesTotal, hugePagesFree, hugePagesRsvd, hugePagesSurp, hugepagesize, hugetlb
        case directMap4k, directMap2M, directMap4M, directMap1G

        /// The key as the kernel spells it, without the colon.
        public var key: StaticString {
            switch self {
            case .memTotal: "MemTotal"
            case .memFree: "MemFree"
            case .memAvailable: "MemAvailable"
            case .buffers: "Buffers"
            case .cached: "Cached"
            case .swapCached: "SwapCached"
            case .active: "Active"
            case .inactive: "Inactive"
            case .activeAnon: "Active(anon)"
            case .inactiveAnon: "Inactive(anon)"
            case .activeFile: "Active(file)"
            case .inactiveFile: "Inactive(file)"
            case .unevictable: "Unevictable"
            case .mlocked: "Mlocked"
            case .highTotal: "HighTotal"
            case .highFree: "HighFree"
            case .lowTotal: "LowTotal"
            case .lowFree: "LowFree"
            case .mmapCopy: "MmapCopy"
            case .swapTotal: "SwapTotal"
            case .swapFree: "SwapFree"
            case .zswap: "Zswap"
            case .zswapped: "Zswapped"
            case .dirty: "Dirty"
            case .writeback: "Writeback"
            case .anonPages: "AnonPages"
            case .mapped: "Mapped"
            case .shmem: "Shmem"
            case .kReclaimable: "KReclaimable"
            case .slab: "Slab"
            case .sReclaimable: "SReclaimable"
            case .sUnreclaim: "SUnreclaim"
            case .kernelStack: "KernelStack"
            case .shadowCallStack: "ShadowCallStack"
            case .pageTables: "PageTables"
            case .secPageTables: "SecPageTables"
            case .nfsUnstable: "NFS_Unstable"
            case .bounce: "Bounce"
            case .writebackTmp: "WritebackTmp"
            case .commitLimit: "CommitLimit"
            case .committedAS: "Committed_AS"
            case .vmallocTotal: "VmallocTotal"
            case .vmallocUsed: "VmallocUsed"
            case .vmallocChunk: "VmallocChunk"
            case .percpu: "Percpu"
            case .earlyMemtestBad: "EarlyMemtestBad"
            case .hardwareCorrupted: "HardwareCorrupted"
            case .anonHugePages: "AnonHugePages"
            case .shmemHugePages: "ShmemHugePages"
            case .shmemPmdMapped: "ShmemPmdMapped"
            case .fileHugePages: "FileHugePages"
            case .filePmdMapped: "FilePmdMapped"
            case .cmaTotal: "CmaTotal"
            case .cmaFree: "CmaFree"
            case .unaccepted: "Unaccepted"
            case .balloon: "Balloon"
            case .quicklists: "Quicklists"
            case .hugePagesTotal: "HugePages_Total"
            case .hugePagesFree: "HugePages_Free"
            case .hugePagesRsvd: "HugePages_Rsvd"
            case .hugePagesSurp: "HugePages_Surp"
            case .hugepagesize: "Hugepagesize"
            case .hugetlb: "Hugetlb"
            case .directMap4k: "DirectMap4k"
            case .directMap2M: "DirectMap2M"
            case .directMap4M: "DirectMap4M"
            case .directMap1G: "DirectMap1G"
            }
        }

        /// `allCases.count`, computed once: `allCases` builds an array on every call.
        static let count = allCases.count

        /// The field named `name`, searched from `start` onwards and then from the beginning:
        /// the kernel writes fields in declaration order, so the next line almost always matches
        /// the first field tried.
        static func find(_ name: UnsafeBufferPointer<UInt8>, from start: Int) -> Field? {
            for offset in 0..<count {
                guard let field = Field(rawValue: (start + offset) % count) else { continue }
                if KernelNumber.field(name, equals: field.key) { return field }
            }
            return nil
        }
    }

    /// How many values the inline storage holds: one per field.
    static var storageCount: Int { Storage.count }
}
