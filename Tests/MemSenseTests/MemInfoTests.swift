import Testing

@testable import MemSense

/// Values read off each fixture's /proc/meminfo, in kB as the file writes them.
struct MemInfoCase: CustomTestStringConvertible, Sendable {
    let source: String
    let variant: String
    let totalKB: UInt64
    let freeKB: UInt64
    /// MemAvailable, or for kernels without it the value si_mem_available() gives with the
    /// low watermark approximated from MemTotal (worked out by hand from the file).
    let availableKB: UInt64
    let isEstimated: Bool
    let swapFreeKB: UInt64?
    let anonPagesKB: UInt64?

    var testDescription: String { "\(source)/\(variant)" }
}

let memInfoCases: [MemInfoCase] = [
    // 3.x, no MemAvailable: 225472 free - 9671 low + (359088 page cache - 9671) + (44772 slab - 9671).
    MemInfoCase(
        source: "node_exporter", variant: "collector-fixtures", totalKB: 3_742_148, freeKB: 225_472,
        availableKB: 600_319, isEstimated: true, swapFreeKB: 3_155_360, anonPagesKB: 2_244_172),
    // Edited upstream, also without MemAvailable: low watermark 19790 kB.
    MemInfoCase(
        source: "procfs", variant: "fixtures-ttar", totalKB: 15_666_184, freeKB: 440_324,
        availableKB: 15_145_538, isEstimated: true, swapFreeKB: 0, anonPagesKB: 266_216),
    MemInfoCase(
        source: "gopsutil", variant: "meminfo-trimmed-anonhugepages", totalKB: 260_799_420, freeKB: 119_443_248,
        availableKB: 127_880_216, isEstimated: false, swapFreeKB: nil, anonPagesKB: nil),
    MemInfoCase(
        source: "gopsutil", variant: "meminfo-intel-core-i5", totalKB: 16_115_528, freeKB: 8_577_628,
        availableKB: 11_225_936, isEstimated: false, swapFreeKB: 8_065_020, anonPagesKB: 3_116_472),
    MemInfoCase(
        source: "telegraf", variant: "meminfo-hugepages-1g", totalKB: 264_026_876, freeKB: 260_102_944,
        availableKB: 260_015_468, isEstimated: false, swapFreeKB: 8_388_604, anonPagesKB: 231_220),
    MemInfoCase(
        source: "go-sysinfo", variant: "ubuntu-17.10", totalKB: 4_042_048, freeKB: 2_551_468,
        availableKB: 3_651_940, isEstimated: false, swapFreeKB: 1_048_572, anonPagesKB: 110_216),
    MemInfoCase(
        source: "oomd", variant: "cgroupv2-memory-stat", totalKB: 58_616_708, freeKB: 2_955_848,
        availableKB: 49_878_948, isEstimated: false, swapFreeKB: 1_097_041, anonPagesKB: 6_725_380),
    MemInfoCase(
        source: "sysstat", variant: "psi-series-1", totalKB: 8_144_960, freeKB: 1_437_740,
        availableKB: 4_389_516, isEstimated: false, swapFreeKB: 16_777_212, anonPagesKB: 2_733_164),
    MemInfoCase(
        source: "sysstat", variant: "psi-series-3", totalKB: 8_144_960, freeKB: 1_437_740,
        availableKB: 4_389_516, isEstimated: false, swapFreeKB: 16_777_212, anonPagesKB: 2_733_164),
    MemInfoCase(
        source: "local-6.18", variant: "idle-shell", totalKB: 24_683_656, freeKB: 23_918_964,
        availableKB: 24_324_952, isEstimated: false, swapFreeKB: 0, anonPagesKB: 13_900),
    MemInfoCase(
        source: "local-6.18", variant: "process-edge-cases", totalKB: 24_683_656, freeKB: 24_146_452,
        availableKB: 24_181_892, isEstimated: false, swapFreeKB: 0, anonPagesKB: 144_456),
    MemInfoCase(
        source: "local-6.18", variant: "memcg-near-limit", totalKB: 24_683_656, freeKB: 23_529_044,
        availableKB: 24_126_500, isEstimated: false, swapFreeKB: 0, anonPagesKB: 217_984),
    MemInfoCase(
        source: "local-6.18", variant: "memcg-after-oom-kill", totalKB: 24_683_656, freeKB: 23_466_944,
        availableKB: 24_049_176, isEstimated: false, swapFreeKB: 0, anonPagesKB: 226_856),
]

@Suite struct MemInfoTests {
    @Test(arguments: memInfoCases)
    func fixtureValuesAreReadInBytes(_ expected: MemInfoCase) throws {
        let bytes = try NodeFixture.bytes(expected.source, expected.variant, "proc/meminfo")
        let info = try NodeFixture.parse(bytes, MemInfo.init(parsing:))
        #expect(info.totalBytes == expected.totalKB * 1024)
        #expect(info.freeBytes == expected.freeKB * 1024)
        #expect(info.availableBytes() == expected.availableKB * 1024)
        #expect(info.isAvailableEstimated == expected.isEstimated)
        #expect(info[.swapFree] == expected.swapFreeKB.map { $0 * 1024 })
        #expect(info[.anonPages] == expected.anonPagesKB.map { $0 * 1024 })
    }

    @Test func parseThroughMemAvailableStopsThereAndIgnoresWhatFollows() throws {
        var bytes = try NodeFixture.bytes("local-6.18", "memcg-after-oom-kill", "proc/meminfo")
        let full = try NodeFixture.parse(bytes, MemInfo.init(parsing:))
        bytes += Array("Broken line\n".utf8)
        let head = try NodeFixture.parse(bytes) { bytes throws(ParseError) in
            try MemInfo(parsing: bytes, through: .memAvailable)
        }
        #expect(head.totalBytes == full.totalBytes)
        #expect(head.availableBytes() == full.availableBytes())
        #expect(head[.anonPages] == nil)
    }

    @Test func parseThroughMemAvailableOfAKernelWithoutItReadsEverythingAndEstimates() throws {
        let bytes = try NodeFixture.bytes("node_exporter", "collector-fixtures", "proc/meminfo")
        let head = try NodeFixture.parse(bytes) { bytes throws(ParseError) in
            try MemInfo(parsing: bytes, through: .memAvailable)
        }
        #expect(head.isAvailableEstimated)
        #expect(head.availableBytes() == 600_319 * 1024)
    }

    @Test func hugePageCountsStayCountsWhileSizesBecomeBytes() throws {
        let bytes = try NodeFixture.bytes("telegraf", "meminfo-hugepages-1g", "proc/meminfo")
        let info = try NodeFixture.parse(bytes, MemInfo.init(parsing:))
        #expect(info.hugePagesTotal == 2048)
        #expect(info.hugePagesFree == 883)
        #expect(info.hugePageSizeBytes == 2048 * 1024)
        #expect(info[.hugetlb] == UInt64(12_582_912) * 1024)
        #expect(info[.directMap1G] != nil)
    }

    @Test func trimmedFileLeavesAbsentFieldsNilAndReadsTheLastLineWithoutNewline() throws {
        let bytes = try NodeFixture.bytes("gopsutil", "meminfo-trimmed-anonhugepages", "proc/meminfo")
        #expect(bytes.last != UInt8(ascii: "\n"))
        let info = try NodeFixture.parse(bytes, MemInfo.init(parsing:))
        #expect(info[.anonHugePages] == UInt64(50_409_472) * 1024)
        #expect(info[.buffers] == nil)
        #expect(info[.swapTotal] == nil)
        #expect(info.swapTotalBytes == 0)
    }

    @Test func editedValuesThatAreNotPageMultiplesAreKeptExactly() throws {
        let bytes = try NodeFixture.bytes("procfs", "fixtures-ttar", "proc/meminfo")
        let info = try NodeFixture.parse(bytes, MemInfo.init(parsing:))
        #expect(info[.zswapped] == UInt64(10502) * 1024)
        #expect(info[.zswap] == UInt64(22414) * 1024)
        #expect(info[.memAvailable] == nil)
    }

    @Test func estimateUsesTheGivenLowWatermarkWhenZoneinfoIsKnown() throws {
        let bytes = try NodeFixture.bytes("node_exporter", "collector-fixtures", "proc/meminfo")
        let info = try NodeFixture.parse(bytes, MemInfo.init(parsing:))
        // 225472 free + (359088 - 20000) page cache + (44772 - 20000) slab - 20000 low, in kB.
        #expect(info.availableBytes(lowWatermarkBytes: 20000 * 1024) == 569_332 * 1024)
        // A watermark above half the page cache keeps only half of it, as the kernel does.
        #expect(info.availableBytes(lowWatermarkBytes: 200_000 * 1024) == 227_402 * 1024)
    }

    @Test func estimateNeverGoesBelowZero() throws {
        let info = try NodeFixture.parse(text: "MemTotal: 1000 kB\nMemFree: 10 kB\n", MemInfo.init(parsing:))
        #expect(info.availableBytes(lowWatermarkBytes: 1 << 30) == 0)
    }

    /// The 2.4 layout, from Red Hat's "/proc/meminfo Explained" (March 2003): a table of byte
    /// counts first, then ordinary lines, some of which (MemShared, Inact_dirty) later kernels dropped.
    @Test func oldTwoFourHeaderIsSkipped() throws {
        let text = """
                    total:    used:    free:  shared: buffers:  cached:
            Mem:  1055760384 1041887232 13873152        0 100417536 711233536
            Swap: 1077501952  8540160 1068961792

            MemTotal:      1031016 kB
            MemFree:         13548 kB
            MemShared:           0 kB
            Buffers:         98064 kB
            Cached:         692320 kB
            SwapCached:       2244 kB
            Active:         563112 kB
            Inact_dirty:    309584 kB
            Inact_clean:     79508 kB
            Inact_target:   190440 kB
            HighTotal:      130992 kB
            HighFree:         1876 kB
            LowTotal:       900024 kB
            LowFree:         11672 kB
            SwapTotal:     1052248 kB
            SwapFree:      1043908 kB
            Committed_AS:   332340 kB

            """
        let info = try NodeFixture.parse(text: text, MemInfo.init(parsing:))
        #expect(info.totalBytes == 1_031_016 * 1024)
        #expect(info.swapFreeBytes == 1_043_908 * 1024)
        #expect(info[.highTotal] == UInt64(130_992) * 1024)
        #expect(info.isAvailableEstimated)
        // No file LRU or slab lines: 13548 free - 5076 approximated low watermark.
        #expect(info.availableBytes() == 8472 * 1024)
    }

    @Test func everyFieldHasAStorageSlot() {
        #expect(MemInfo.Field.allCases.count == MemInfo.storageCount)
        #expect(MemInfo.Field.allCases.last?.rawValue == MemInfo.storageCount - 1)
    }
}
