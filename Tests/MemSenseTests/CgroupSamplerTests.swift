import MemSense
import TestSupport
import Testing

/// MemTotal of the local-6.18 VM (24683656 kB).
private let vmTotalBytes: UInt64 = 24_683_656 * 1024
private let nearLimit = "sys/fs/cgroup/memory/system.slice/shell.service/fixture-capture-18383"

private func counters(
    refaults: UInt64 = 0, majorFaults: UInt64 = 0, limitHits: UInt64 = 0, oomKills: UInt64 = 0,
    scanDirectPages: UInt64 = 0, stealPages: UInt64 = 0
) -> Counters {
    var counters = Counters()
    counters.refaults = refaults
    counters.majorFaults = majorFaults
    counters.limitHits = limitHits
    counters.oomKills = oomKills
    counters.scanDirectPages = scanDirectPages
    counters.stealPages = stealPages
    return counters
}

@Test func groupNearItsLimitHasLittleAvailable() throws {
    let sampler = CgroupSampler(
        source: fixtureSource("local-6.18", "memcg-near-limit"), directory: nearLimit, version: .v1)
    #expect(
        try sampler.memory()
            == CgroupMemory(
                version: .v1, usageBytes: 65_572_864, limitBytes: 67_108_864, anonBytes: 48_975_872,
                fileBytes: 15_806_464, inactiveFileBytes: 15_753_216, swapUsedBytes: 0, swapLimitBytes: nil,
                counters: counters(refaults: 25, majorFaults: 2, limitHits: 85)))
    let sample = try sampler.sample(
        within: Sample(
            kind: .node, tMs: 1000, totalBytes: vmTotalBytes, availableBytes: vmTotalBytes, swapTotalBytes: 0))
    #expect(sample.kind == .cgroupV1)
    #expect(sample.tMs == 1000)
    #expect(sample.totalBytes == 67_108_864)
    #expect(sample.availableBytes == 67_108_864 - 65_572_864 + 15_753_216)
    #expect(sample.swapTotalBytes == 0)
    #expect(sample.memoryPressure == nil)
    #expect(sample.rates == nil)
}

@Test func groupAfterItsOOMKillCountsTheKills() throws {
    let sampler = CgroupSampler(
        source: fixtureSource("local-6.18", "memcg-after-oom-kill"), directory: nearLimit, version: .v1)
    let memory = try sampler.memory()
    #expect(memory.usageBytes == 237_568)
    #expect(memory.counters == counters(refaults: 25, majorFaults: 2, limitHits: 562, oomKills: 2))
    let sample = try sampler.sample(
        within: Sample(kind: .node, tMs: 0, totalBytes: vmTotalBytes, availableBytes: vmTotalBytes, swapTotalBytes: 0))
    #expect(sample.availableBytes == 67_108_864 - 237_568)
}

@Test func unlimitedGroupGetsTheNodeAsItsTotal() throws {
    let sampler = CgroupSampler(
        source: fixtureSource("local-6.18", "idle-shell"), directory: "sys/fs/cgroup/memory/system.slice/shell.service",
        version: .v1)
    let memory = try sampler.memory()
    #expect(memory.limitBytes == nil)
    #expect(memory.usageBytes == 64_274_432)
    #expect(memory.swapLimitBytes == nil)
    let sample = try sampler.sample(
        within: Sample(kind: .node, tMs: 0, totalBytes: vmTotalBytes, availableBytes: vmTotalBytes, swapTotalBytes: 0))
    #expect(sample.totalBytes == vmTotalBytes)
    #expect(sample.availableBytes == vmTotalBytes - 64_274_432 + 36_917_248)
    #expect(sample.anonBytes == 2_387_968)
    #expect(sample.fileBytes == 49_561_600)
}

@Test func kubernetesContainerWithMemswEqualToItsLimitMayNotSwap() throws {
    let sampler = CgroupSampler(
        source: fixtureSource("elastic-agent-system-metrics", "amzn2-eks-cgroupv1"),
        directory:
            "sys/fs/cgroup/memory/kubepods.slice/kubepods-burstable.slice/"
            + "kubepods-burstable-pod7a96c459_d529_44ae_9f99_90d3798d6426.slice/"
            + "cri-containerd-1d3d308a7d48a27814a68bf33a44acf4441c9c02463ca0bc1cdfdc8c0b4a8496.scope",
        version: .v1)
    let memory = try sampler.memory()
    #expect(memory.usageBytes == 1_215_860_736)
    #expect(memory.limitBytes == 2_147_483_648)
    #expect(memory.swapLimitBytes == 0)
    let sample = try sampler.sample(
        within: Sample(kind: .node, tMs: 0, totalBytes: 16 << 30, availableBytes: 16 << 30, swapTotalBytes: 4 << 30))
    #expect(sample.totalBytes == 2_147_483_648)
    #expect(sample.availableBytes == 2_147_483_648 - 1_215_860_736 + 78_557_184)
    #expect(sample.swapTotalBytes == 0)
    #expect(sample.swapFreeBytes == 0)
}

@Test func groupWithoutSwapAccountingMaySwapAsMuchAsTheNode() throws {
    let sampler = CgroupSampler(
        source: fixtureSource("elastic-agent-system-metrics", "ubuntu1804-cgroupv1-no-memsw"),
        directory: "sys/fs/cgroup/memory/system.slice/networkd-dispatcher.service", version: .v1)
    let sample = try sampler.sample(
        within: Sample(kind: .node, tMs: 0, totalBytes: 8 << 30, availableBytes: 8 << 30, swapTotalBytes: 1 << 30))
    #expect(sample.totalBytes == 8 << 30)
    #expect(sample.availableBytes == (8 << 30) - 9_039_872)
    #expect(sample.anonBytes == 8_404_992)
    #expect(sample.swapTotalBytes == 1 << 30)
    #expect(sample.swapFreeBytes == 1 << 30)
}

@Test func oldKernelGroupWithoutOOMKillCounter() throws {
    let sampler = CgroupSampler(
        source: fixtureSource("elastic-agent-system-metrics", "docker-cgroupv1-old-kernel"),
        directory: "sys/fs/cgroup/memory/docker/b29faf21b7eff959f64b4192c34d5d67a707fe8561e9eaa608cb27693fba4242",
        version: .v1)
    let memory = try sampler.memory()
    #expect(memory.usageBytes == 295_997_440)
    #expect(memory.limitBytes == nil)
    #expect(memory.counters == counters(majorFaults: 166))
}

@Test func v2GroupCountsLimitHitsAndKillsFromItsEvents() throws {
    let sampler = CgroupSampler(
        source: fixtureSource("elastic-agent-system-metrics", "docker-cgroupv1-old-kernel"),
        directory:
            "sys/fs/cgroup/system.slice/docker-1c8fa019edd4b9d4b2856f4932c55929c5c118c808ed5faee9a135ca6e84b039.scope",
        version: .v2)
    #expect(
        try sampler.memory()
            == CgroupMemory(
                version: .v2, usageBytes: 9_125_888, limitBytes: nil, anonBytes: 411_045_888, fileBytes: 0,
                inactiveFileBytes: 270_336, swapUsedBytes: 0, swapLimitBytes: nil,
                counters: counters(refaults: 10, limitHits: 2, oomKills: 1)))
    let sample = try sampler.sample(
        within: Sample(kind: .node, tMs: 0, totalBytes: 32 << 30, availableBytes: 32 << 30, swapTotalBytes: 0))
    #expect(sample.kind == .cgroupV2)
    #expect(sample.totalBytes == 32 << 30)
    #expect(sample.availableBytes == (32 << 30) - 9_125_888 + 270_336)
}

/// A v1 group as a trace records it: files under `cgroup/`.
private func traceV1(usage: UInt64, failures: UInt64, refaults: UInt64, oomKills: UInt64) -> InMemoryFileSource {
    InMemoryFileSource([
        "cgroup/memory.usage_in_bytes": "\(usage)\n",
        "cgroup/memory.limit_in_bytes": "536870912\n",
        "cgroup/memory.stat":
            "total_rss 1000\ntotal_cache 2000\ntotal_inactive_file 4096\ntotal_workingset_refault_file \(refaults)\n",
        "cgroup/memory.oom_control": "oom_kill_disable 0\nunder_oom 0\noom_kill \(oomKills)\n",
        "cgroup/memory.failcnt": "\(failures)\n",
    ])
}

@Test func traceGroupIsReadThroughItsPrefixAndRatesFollowTheCounters() throws {
    let first = traceV1(usage: 100 << 20, failures: 10, refaults: 1000, oomKills: 0)
    let sampler = CgroupSampler(source: first, directory: "cgroup", version: .v1)
    let before = try sampler.sample(
        within: Sample(kind: .node, tMs: 1000, totalBytes: 8 << 30, availableBytes: 8 << 30, swapTotalBytes: 0))
    #expect(before.totalBytes == 536_870_912)
    #expect(before.availableBytes == 536_870_912 - (100 << 20) + 4096)
    #expect(before.rates == nil)
    let later = traceV1(usage: 500 << 20, failures: 30, refaults: 5000, oomKills: 1)
    for path in ["memory.usage_in_bytes", "memory.stat", "memory.oom_control", "memory.failcnt"] {
        first.set("cgroup/" + path, bytes: try later.contents(of: "cgroup/" + path))
    }
    let after = try sampler.sample(
        within: Sample(kind: .node, tMs: 3000, totalBytes: 8 << 30, availableBytes: 8 << 30, swapTotalBytes: 0))
    let rates = try #require(after.rates)
    #expect(rates.intervalMs == 2000)
    #expect(rates.limitHitsPerSecond == 10)
    #expect(rates.refaultsPerSecond == 2000)
    #expect(rates.oomKills == 1)
}

/// A calm tick reads each group's usage file, once a second: it stays open while its sampler
/// lives and closes with it, so that pods that come and go leave no descriptors behind.
@Test func samplerKeepsItsUsageFileOpenWhileItLives() throws {
    let source = fixtureSource("local-6.18", "memcg-near-limit")
    var sampler: CgroupSampler? = CgroupSampler(source: source, directory: nearLimit, version: .v1)
    #expect(source.keptOpenCount == 1)
    #expect(try sampler?.usageBytes() == 65_572_864)
    #expect(try sampler?.usageBytes() == 65_572_864)
    sampler = nil
    #expect(source.keptOpenCount == 0)
}

@Test func removedGroupIsGoneNotACrash() throws {
    let source = traceV1(usage: 1, failures: 0, refaults: 0, oomKills: 0)
    let sampler = CgroupSampler(source: source, directory: "cgroup", version: .v1)
    _ = try sampler.sample(
        within: Sample(kind: .node, tMs: 0, totalBytes: 1 << 30, availableBytes: 1 << 30, swapTotalBytes: 0))
    source.fail("cgroup/memory.usage_in_bytes", as: ReadError.notFound(path:))
    let error = try #require(throws: MemSenseError.self) {
        try sampler.sample(
            within: Sample(kind: .node, tMs: 50, totalBytes: 1 << 30, availableBytes: 1 << 30, swapTotalBytes: 0))
    }
    #expect(error.isGone)
    let missing = CgroupSampler(
        source: fixtureSource("local-6.18", "memcg-after-oom-kill"), directory: "sys/fs/cgroup/memory/gone",
        version: .v2)
    #expect(throws: MemSenseError.unreadable(.notFound(path: "sys/fs/cgroup/memory/gone/memory.current"))) {
        try missing.memory()
    }
}

@Test func malformedGroupFileNamesTheFileAndLine() {
    let source = traceV1(usage: 1, failures: 0, refaults: 0, oomKills: 0)
    source.set("cgroup/memory.stat", "total_rss 1\ntotal_cache lots\n")
    let sampler = CgroupSampler(source: source, directory: "cgroup", version: .v1)
    #expect(
        throws: MemSenseError.malformed(
            path: "cgroup/memory.stat", line: 2, reason: "not a key and a non-negative number")
    ) { try sampler.memory() }
}

/// A v2 group with or without the swap files.
private func v2Group(swap: (used: String, max: String)?) -> InMemoryFileSource {
    let source = InMemoryFileSource([
        "sys/fs/cgroup/app/memory.current": "300000000\n",
        "sys/fs/cgroup/app/memory.max": "1073741824\n",
        "sys/fs/cgroup/app/memory.stat":
            "anon 200000000\nfile 100000000\ninactive_file 60000000\npgscan 500\npgsteal 400\n"
            + "pgscan_kswapd 100\npgscan_direct 400\nworkingset_refault_anon 3\nworkingset_refault_file 4\n"
            + "pgmajfault 9\n",
        "sys/fs/cgroup/app/memory.events": "low 0\nhigh 0\nmax 5\noom 1\noom_kill 1\noom_group_kill 0\n",
    ])
    if let swap {
        source.set("sys/fs/cgroup/app/memory.swap.current", swap.used)
        source.set("sys/fs/cgroup/app/memory.swap.max", swap.max)
    }
    return source
}

@Test func v2GroupWithSwapLimit() throws {
    let sampler = CgroupSampler(
        source: v2Group(swap: ("1048576\n", "4194304\n")), directory: "sys/fs/cgroup/app/", version: .v2)
    let sample = try sampler.sample(
        within: Sample(kind: .node, tMs: 0, totalBytes: 8 << 30, availableBytes: 8 << 30, swapTotalBytes: 2 << 30))
    #expect(sample.totalBytes == 1_073_741_824)
    #expect(sample.availableBytes == 1_073_741_824 - 300_000_000 + 60_000_000)
    #expect(sample.swapTotalBytes == 4_194_304)
    #expect(sample.swapFreeBytes == 3_145_728)
    var expected = counters(
        refaults: 7, majorFaults: 9, limitHits: 5, oomKills: 1, scanDirectPages: 400, stealPages: 400)
    expected.scanKswapdPages = 100
    #expect(sample.counters == expected)
}

@Test func v2GroupWithoutSwapFilesIsNotAskedForThemAgain() throws {
    let source = v2Group(swap: nil)
    let sampler = CgroupSampler(source: source, directory: "sys/fs/cgroup/app", version: .v2)
    let first = try sampler.sample(
        within: Sample(kind: .node, tMs: 0, totalBytes: 8 << 30, availableBytes: 8 << 30, swapTotalBytes: 2 << 30))
    _ = try sampler.sample(
        within: Sample(kind: .node, tMs: 100, totalBytes: 8 << 30, availableBytes: 8 << 30, swapTotalBytes: 2 << 30))
    #expect(first.swapTotalBytes == 2 << 30)
    #expect(source.accessCounts["sys/fs/cgroup/app/memory.swap.current"] == 1)
    #expect(source.accessCounts["sys/fs/cgroup/app/memory.current"] == 2)
}

@Test func v2KernelWithOnlyTheTotalScanCountsItAsDirect() throws {
    let source = v2Group(swap: nil)
    source.set("sys/fs/cgroup/app/memory.stat", "anon 1\nfile 2\ninactive_file 0\npgscan 787288\npgsteal 770913\n")
    let memory = try CgroupSampler(source: source, directory: "sys/fs/cgroup/app", version: .v2).memory()
    #expect(memory.counters.scanDirectPages == 787_288)
    #expect(memory.counters.scanKswapdPages == 0)
    #expect(memory.counters.stealPages == 770_913)
}

@Test func availableStaysWithinZeroAndTheLimit() {
    let over = CgroupMemory(version: .v1, usageBytes: 900, limitBytes: 500, inactiveFileBytes: 100)
    #expect(over.sample(tMs: 0, nodeTotalBytes: 10_000, nodeSwapTotalBytes: 0).availableBytes == 0)
    let odd = CgroupMemory(version: .v2, usageBytes: 100, limitBytes: 500, inactiveFileBytes: 900)
    #expect(odd.sample(tMs: 0, nodeTotalBytes: 10_000, nodeSwapTotalBytes: 0).availableBytes == 500)
    let aboveNode = CgroupMemory(version: .v2, usageBytes: 100, limitBytes: 50_000)
    let sample = aboveNode.sample(tMs: 0, nodeTotalBytes: 10_000, nodeSwapTotalBytes: 0)
    #expect(sample.totalBytes == 10_000)
    #expect(sample.availableBytes == 9_900)
}
