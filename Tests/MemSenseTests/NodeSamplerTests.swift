import Glibc
import MemSense
import TestSupport
import Testing

/// A fixture tree whose root can be switched between samples, and whose files can be replaced
/// or made to fail, so that one sampler can be driven through several kernel states.
private final class SwitchableFixtureSource: FileSource {
    var root: DirectorySource
    var replacements: [String: [UInt8]] = [:]
    var failures: [String: ReadError] = [:]

    init(_ source: String, _ variant: String) {
        root = DirectorySource(root: FixturePaths.kernelVariant(source, variant))
    }

    func switchTo(_ source: String, _ variant: String) {
        root = DirectorySource(root: FixturePaths.kernelVariant(source, variant))
    }

    func read(_ path: String, into buffer: inout ReadBuffer) throws(ReadError) {
        if let failure = failures[path] { throw failure }
        if let bytes = replacements[path] {
            buffer.removeAll()
            bytes.withUnsafeBufferPointer { buffer.append($0) }
            return
        }
        try root.read(path, into: &buffer)
    }

    func entries(of path: String) throws(ReadError) -> [String] {
        try root.entries(of: path)
    }
}

@Suite struct NodeSamplerTests {
    @Test func firstSampleHasNoRatesAndTheSecondHasRatesFromTheSysstatStallEpisode() throws {
        let source = SwitchableFixtureSource("sysstat", "psi-series-1")
        let sampler = try NodeSampler(source: source)
        let first = try sampler.sample(at: 0)
        #expect(first.rates == nil)
        #expect(first.kind == .node)
        #expect(first.memoryPressure?.someAvg10 == 0)

        source.switchTo("sysstat", "psi-series-2")
        let second = try sampler.sample(at: 1000)
        #expect(second.tMs == 1000)
        #expect(second.memoryPressure?.someAvg10 == 3.12)
        let rates = try #require(second.rates)
        #expect(rates.intervalMs == 1000)
        // memory some total 0 -> 16030 us, full 0 -> 7200 us, over one second.
        #expect(abs(rates.memorySomeStallShare - 0.016030) < 1e-12)
        #expect(abs(rates.memoryFullStallShare - 0.007200) < 1e-12)
        // cpu ticks 6460822 -> 6485663, iowait 60648 -> 60677, system 53845 -> 54302.
        #expect(second.counters.cpuTotalTicks == 6_485_663)
        #expect(abs(rates.ioWaitShare - 29.0 / 24841) < 1e-12)
        #expect(abs(rates.systemShare - 457.0 / 24841) < 1e-12)
        #expect(rates.scanKswapdPerSecond == 0)
        #expect(rates.majorFaultsPerSecond == 0)
    }

    @Test func reclaimRatesFollowTheVMStatCounters() throws {
        let source = SwitchableFixtureSource("sysstat", "psi-series-4")
        let sampler = try NodeSampler(source: source)
        _ = try sampler.sample(at: 5000)
        source.switchTo("sysstat", "psi-series-5")
        let rates = try #require(try sampler.sample(at: 7000).rates)
        // pgscan_kswapd 10 -> 100 and pgsteal_kswapd 9 -> 11 over two seconds.
        #expect(rates.scanKswapdPerSecond == 45)
        #expect(rates.stealPerSecond == 1)
        // memory some total 56879 -> 103290 us, full 12037 -> 45780 us.
        #expect(abs(rates.memorySomeStallShare - 46411.0 / 2_000_000) < 1e-12)
        #expect(abs(rates.memoryFullStallShare - 33743.0 / 2_000_000) < 1e-12)
        #expect(abs(rates.ioWaitShare - 54.0 / 19969) < 1e-12)
    }

    @Test func glanceReadsOnlyTheMemoryStallTotalAndMemFree() throws {
        let source = SwitchableFixtureSource("local-6.18", "idle-shell")
        let sampler = try NodeSampler(source: source)
        for path in ["proc/vmstat", "proc/stat", "proc/pressure/io", "proc/pressure/cpu"] {
            source.failures[path] = .failed(path: path, errno: EIO)
        }
        let glance = try #require(try sampler.glance())
        #expect(glance == NodeGlance(memoryStallUs: 3034, freeBytes: 23_918_964 * 1024, totalBytes: 24_683_656 * 1024))
    }

    @Test func glanceTakesTheFreeMemoryFromItsReaderInsteadOfMeminfo() throws {
        let source = SwitchableFixtureSource("local-6.18", "idle-shell")
        let sampler = try NodeSampler(source: source, freeMemory: { (freeBytes: 7 << 30, totalBytes: 8 << 30) })
        source.failures["proc/meminfo"] = .failed(path: "proc/meminfo", errno: EIO)
        #expect(try sampler.glance() == NodeGlance(memoryStallUs: 3034, freeBytes: 7 << 30, totalBytes: 8 << 30))
    }

    @Test func lastSampleHoldsTheGlanceOfTheSameFiles() throws {
        let sampler = try NodeSampler(source: SwitchableFixtureSource("local-6.18", "idle-shell"))
        #expect(sampler.lastGlance == nil)
        _ = try sampler.sample(at: 0)
        #expect(sampler.lastGlance != nil)
        #expect(try sampler.glance() == sampler.lastGlance)
    }

    @Test func glanceIsNilWithoutMemoryPSI() throws {
        let sampler = try NodeSampler(source: SwitchableFixtureSource("go-sysinfo", "ubuntu-17.10"))
        #expect(try sampler.glance() == nil)
        _ = try sampler.sample(at: 0)
        #expect(sampler.lastGlance == nil)
    }

    @Test func glanceNeedsNoMemAvailable() throws {
        let source = SwitchableFixtureSource("local-6.18", "idle-shell")
        source.replacements["proc/meminfo"] = Array("MemTotal: 1000 kB\nMemFree: 600 kB\nBuffers: 1 kB\n".utf8)
        let sampler = try NodeSampler(source: source)
        let expected = NodeGlance(memoryStallUs: 3034, freeBytes: 600 * 1024, totalBytes: 1000 * 1024)
        #expect(try sampler.glance() == expected)
        _ = try sampler.sample(at: 0)
        #expect(sampler.lastGlance == expected)
    }

    @Test func glanceNamesTheMalformedFile() throws {
        let source = SwitchableFixtureSource("local-6.18", "idle-shell")
        source.replacements["proc/meminfo"] = Array("MemTotal: 1000 kB\nMemFree: lots\n".utf8)
        let sampler = try NodeSampler(source: source)
        #expect {
            try sampler.glance()
        } throws: { error in
            "\(error)" == "proc/meminfo:2: expected a decimal value below 2^64"
        }
    }

    @Test func oldKernelSampleEstimatesAvailableAndSumsPerZoneReclaim() throws {
        let sampler = try NodeSampler(source: SwitchableFixtureSource("node_exporter", "collector-fixtures"))
        let sample = try sampler.sample(at: 0)
        #expect(sample.totalBytes == 3_742_148 * 1024)
        #expect(sample.isAvailableEstimated)
        // No zoneinfo in the fixture: the low watermark is approximated from MemTotal.
        #expect(sample.availableBytes == 600_319 * 1024)
        #expect(sample.swapTotalBytes == 4_194_300 * 1024)
        #expect(sample.swapFreeBytes == 3_155_360 * 1024)
        #expect(sample.anonBytes == 2_244_172 * 1024)
        #expect(sample.fileBytes == (213_412 + 145_676) * 1024)
        #expect(sample.counters.scanKswapdPages == 466_440)
        #expect(sample.counters.scanDirectPages == 6863)
        #expect(sample.counters.stealPages == 332_911 + 6528)
        #expect(sample.counters.allocStalls == 83165)
        #expect(sample.counters.swapOutPages == 35045)
        #expect(sample.ioPressure?.full?.totalUs == 159_229_614)
        #expect(sample.cpuPressure?.someTotalUs == 14_036_781)
    }

    @Test func zoneinfoWatermarksReplaceTheApproximation() throws {
        let source = SwitchableFixtureSource("node_exporter", "collector-fixtures")
        // Two zones with low watermarks 72 and 14780 pages: 14852 pages = 59408 kB.
        source.replacements["proc/zoneinfo"] = Array("        low      72\n        low      14780\n".utf8)
        let sampler = try NodeSampler(source: source, pageSizeBytes: 4096)
        let sample = try sampler.sample(at: 0)
        // 225472 free + (359088 - 59408) page cache + (44772 - 22386) slab - 59408, in kB.
        #expect(sample.availableBytes == 488_130 * 1024)
        #expect(sample.isAvailableEstimated)
    }

    @Test func modernKernelSampleUsesMemAvailableAndAllThreePressureFiles() throws {
        let sampler = try NodeSampler(source: SwitchableFixtureSource("local-6.18", "idle-shell"))
        let sample = try sampler.sample(at: 0)
        #expect(sample.availableBytes == 24_324_952 * 1024)
        #expect(!sample.isAvailableEstimated)
        #expect(sample.swapTotalBytes == 0)
        #expect(sample.fileBytes == (261_076 + 305_120) * 1024)
        #expect(sample.counters.refaults == 367_834)
        #expect(sample.counters.oomKills == 1)
        #expect(sample.counters.cpuIOWaitTicks == 663)
        #expect(sample.memoryPressure?.someTotalUs == 3034)
        #expect(sample.memoryPressure?.full?.totalUs == 2307)
        #expect(sample.ioPressure?.someTotalUs == 5_714_666)
        #expect(sample.cpuPressure?.someAvg10 == 0.33)
    }

    @Test func kernelWithoutPSIGivesNilPressureNotAnError() throws {
        let sampler = try NodeSampler(source: SwitchableFixtureSource("go-sysinfo", "ubuntu-17.10"))
        let sample = try sampler.sample(at: 0)
        #expect(sample.totalBytes == 4_042_048 * 1024)
        #expect(sample.memoryPressure == nil)
        #expect(sample.ioPressure == nil)
        #expect(sample.cpuPressure == nil)
    }

    @Test func psiDisabledAtBootReadsAsNoPressure() throws {
        let source = SwitchableFixtureSource("local-6.18", "idle-shell")
        source.failures["proc/pressure/memory"] = .failed(path: "proc/pressure/memory", errno: EOPNOTSUPP)
        let sampler = try NodeSampler(source: source)
        #expect(try sampler.sample(at: 0).memoryPressure == nil)
        #expect(try sampler.sample(at: 0).ioPressure?.someTotalUs == 5_714_666)
    }

    @Test func missingMemInfoIsAnUnreadableError() throws {
        let sampler = try NodeSampler(source: SwitchableFixtureSource("sysstat", "old-cpu-line-format"))
        #expect(throws: MemSenseError.unreadable(.notFound(path: "proc/meminfo"))) { try sampler.sample(at: 0) }
    }

    @Test func malformedFileIsReportedWithItsPathAndLine() throws {
        let source = SwitchableFixtureSource("local-6.18", "idle-shell")
        source.replacements["proc/stat"] = Array("cpu  1 2 3 4\ncpu0 1 2\n".utf8)
        let sampler = try NodeSampler(source: source)
        #expect(
            throws: MemSenseError.malformed(path: "proc/stat", line: 2, reason: "expected at least 4 columns, found 2")
        ) { try sampler.sample(at: 0) }
    }

    @Test func keptOpenFixtureFilesAreReadAgainOnEveryTick() throws {
        let sampler = try NodeSampler(
            source: DirectorySource(root: FixturePaths.kernelVariant("local-6.18", "idle-shell")))
        let first = try sampler.sample(at: 0)
        let second = try sampler.sample(at: 500)
        #expect(second.totalBytes == first.totalBytes)
        #expect(second.counters == first.counters)
        #expect(second.rates?.intervalMs == 500)
        #expect(second.rates?.scanKswapdPerSecond == 0)
    }

    @Test(.tags(.kernel), .enabled(if: KernelGate.shouldRun))
    func liveProcSamplesMatchMemTotalAndGiveNonNegativeRates() throws {
        let sampler = try NodeSampler(source: DirectorySource())
        let first = try sampler.sample(at: 0)
        usleep(200_000)
        let second = try sampler.sample(at: 200)

        let meminfo = try DirectorySource().contents(of: "proc/meminfo")
        let firstLine = String(decoding: meminfo.prefix { $0 != UInt8(ascii: "\n") }, as: UTF8.self)
        let fields = firstLine.split(separator: " ")
        #expect(fields.first == "MemTotal:")
        let totalKB = try #require(fields.dropFirst().first.flatMap { UInt64($0) })
        #expect(first.totalBytes == totalKB * 1024)
        #expect(second.totalBytes == totalKB * 1024)
        #expect(second.availableBytes <= second.totalBytes)

        let rates = try #require(second.rates)
        #expect(rates.intervalMs == 200)
        for value in [
            rates.scanKswapdPerSecond, rates.scanDirectPerSecond, rates.stealPerSecond, rates.allocStallsPerSecond,
            rates.refaultsPerSecond, rates.majorFaultsPerSecond, rates.swapInPerSecond, rates.swapOutPerSecond,
            rates.ioWaitShare, rates.systemShare, rates.memorySomeStallShare, rates.memoryFullStallShare,
        ] {
            #expect(value >= 0)
        }
        #expect(second.counters.cpuTotalTicks >= first.counters.cpuTotalTicks)
        #expect((second.memoryPressure != nil) == (access("/proc/pressure/memory", R_OK) == 0))
    }
}
