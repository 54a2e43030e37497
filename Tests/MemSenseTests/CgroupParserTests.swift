import MemSense
import Testing

private let nearLimit = "sys/fs/cgroup/memory/system.slice/shell.service/fixture-capture-18383/"
private let shell = "sys/fs/cgroup/memory/system.slice/shell.service/"
private let amzn2 =
    "sys/fs/cgroup/memory/kubepods.slice/kubepods-burstable.slice/"
    + "kubepods-burstable-pod7a96c459_d529_44ae_9f99_90d3798d6426.slice/"
    + "cri-containerd-1d3d308a7d48a27814a68bf33a44acf4441c9c02463ca0bc1cdfdc8c0b4a8496.scope/"
private let dockerV1 =
    "sys/fs/cgroup/memory/docker/b29faf21b7eff959f64b4192c34d5d67a707fe8561e9eaa608cb27693fba4242/"
private let dockerV2 =
    "sys/fs/cgroup/system.slice/docker-1c8fa019edd4b9d4b2856f4932c55929c5c118c808ed5faee9a135ca6e84b039.scope/"

@Test(
    arguments: [
        ("max\n", nil), ("9223372036854771712\n", nil), ("9223372036854710272\n", nil),
        ("67108864\n", 67_108_864), ("0\n", 0), ("4611686018427387903", 4_611_686_018_427_387_903),
    ] as [(String, UInt64?)])
func limitsReadMaxAndHugePageRoundedValuesAsNoLimit(_ text: String, _ expected: UInt64?) throws {
    #expect(try parse(text, CgroupLimit.bytes(parsing:)) == expected)
}

@Test func limitsOfTheFixtureGroups() throws {
    let limit = { (variant: String, path: String) throws -> UInt64? in
        try parse(fixture: "local-6.18", variant, path, CgroupLimit.bytes(parsing:))
    }
    #expect(try limit("memcg-near-limit", nearLimit + "memory.limit_in_bytes") == 67_108_864)
    #expect(try limit("memcg-near-limit", nearLimit + "memory.memsw.limit_in_bytes") == nil)
    #expect(try limit("idle-shell", shell + "memory.limit_in_bytes") == nil)
    let v2 = { (file: String) throws -> UInt64? in
        try parse(
            fixture: "elastic-agent-system-metrics", "docker-cgroupv1-old-kernel", dockerV2 + file,
            CgroupLimit.bytes(parsing:))
    }
    #expect(try v2("memory.max") == nil)
    #expect(try v2("memory.high") == nil)
    #expect(try v2("memory.low") == 4)
    #expect(try v2("memory.min") == 0)
    #expect(try v2("memory.swap.max") == nil)
}

@Test(arguments: [
    ("", ParseError(line: 0, "empty file")), ("\n", ParseError(line: 0, "empty file")),
    ("lots\n", ParseError(line: 1, "a limit is a number of bytes or max")),
    ("-1\n", ParseError(line: 1, "a limit is a number of bytes or max")),
    ("1 2\n", ParseError(line: 1, "more than one value")),
])
func malformedLimitIsRejected(_ text: String, _ error: ParseError) {
    #expect(throws: error) { try parse(text, CgroupLimit.bytes(parsing:)) }
}

@Test func singleValuesAreSignedOrNot() throws {
    #expect(try parse("-1000\n", SingleValue.int64(parsing:)) == -1000)
    #expect(try parse("1332", SingleValue.int64(parsing:)) == 1332)
    #expect(try parse("65572864\n", SingleValue.uint64(parsing:)) == 65_572_864)
    #expect(throws: ParseError(line: 1, "not a non-negative number")) {
        try parse("18446744073709551616\n", SingleValue.uint64(parsing:))
    }
    #expect(throws: ParseError(line: 1, "not a non-negative number")) {
        try parse("-5\n", SingleValue.uint64(parsing:))
    }
    #expect(throws: ParseError(line: 2, "more than one line")) { try parse("12\n34\n", SingleValue.uint64(parsing:)) }
    #expect(throws: ParseError(line: 0, "empty file")) { try parse("", SingleValue.int64(parsing:)) }
}

@Test func v1StatOfTheNearLimitGroupUsesHierarchicalTotals() throws {
    let stat = try parse(
        fixture: "local-6.18", "memcg-near-limit", nearLimit + "memory.stat", CgroupV1MemoryStat.init(parsing:))
    #expect(stat.hierarchicalLimitBytes == 67_108_864)
    #expect(stat.hierarchicalMemswLimitBytes == nil)
    #expect(stat.cacheBytes == 15_806_464)
    #expect(stat.rssBytes == 48_975_872)
    #expect(stat.shmemBytes == 0)
    #expect(stat.swapBytes == 0)
    #expect(stat.inactiveFileBytes == 15_753_216)
    #expect(stat.activeFileBytes == 53248)
    #expect(stat.majorFaults == 2)
    #expect(stat.refaults == 25)
}

@Test func v1StatOfAParentCountsItsChildrenInTheTotals() throws {
    let stat = try parse(
        fixture: "elastic-agent-system-metrics", "docker-cgroupv1-old-kernel", "sys/fs/cgroup/memory/memory.stat",
        CgroupV1MemoryStat.init(parsing:))
    #expect(stat.rssBytes == 248_729_600)
    #expect(stat.cacheBytes == 235_782_144)
    #expect(stat.inactiveFileBytes == 40_706_048)
    #expect(stat.majorFaults == 166)
    #expect(stat.hierarchicalLimitBytes == nil)
}

@Test func v1StatsOfOtherKernels() throws {
    let idle = try parse(fixture: "local-6.18", "idle-shell", shell + "memory.stat", CgroupV1MemoryStat.init(parsing:))
    #expect(idle.hierarchicalLimitBytes == nil)
    #expect(idle.inactiveFileBytes == 36_917_248)
    #expect(idle.activeFileBytes == 12_644_352)
    #expect(idle.majorFaults == 94)
    #expect(idle.refaults == 6252)
    let eks = try parse(
        fixture: "elastic-agent-system-metrics", "amzn2-eks-cgroupv1", amzn2 + "memory.stat",
        CgroupV1MemoryStat.init(parsing:))
    #expect(eks.hierarchicalLimitBytes == 2_147_483_648)
    #expect(eks.hierarchicalMemswLimitBytes == 2_147_483_648)
    #expect(eks.rssBytes == 1_119_465_472)
    #expect(eks.inactiveFileBytes == 78_557_184)
    #expect(eks.refaults == 0)
    let ubuntu = try parse(
        fixture: "elastic-agent-system-metrics", "ubuntu1804-cgroupv1-no-memsw",
        "sys/fs/cgroup/memory/system.slice/networkd-dispatcher.service/memory.stat", CgroupV1MemoryStat.init(parsing:))
    #expect(ubuntu.hierarchicalMemswLimitBytes == nil)
    #expect(ubuntu.rssBytes == 8_404_992)
    #expect(ubuntu.activeFileBytes == 8192)
    let docker = try parse(
        fixture: "elastic-agent-system-metrics", "docker-cgroupv1-old-kernel", dockerV1 + "memory.stat",
        CgroupV1MemoryStat.init(parsing:))
    #expect(docker.rssBytes == 230_662_144)
    #expect(docker.shmemBytes == 0)
    #expect(docker.majorFaults == 166)
}

@Test func oomControlCountsKillsWhereTheKernelWritesThem() throws {
    let before = try parse(
        fixture: "local-6.18", "memcg-near-limit", nearLimit + "memory.oom_control", CgroupV1OOMControl.init(parsing:))
    #expect(before.oomKills == 0)
    #expect(!before.isUnderOOM)
    #expect(!before.isOOMKillDisabled)
    let after = try parse(
        fixture: "local-6.18", "memcg-after-oom-kill", nearLimit + "memory.oom_control",
        CgroupV1OOMControl.init(parsing:))
    #expect(after.oomKills == 2)
    let old = try parse(
        fixture: "elastic-agent-system-metrics", "docker-cgroupv1-old-kernel", dockerV1 + "memory.oom_control",
        CgroupV1OOMControl.init(parsing:))
    #expect(old.oomKills == 0)
    let disabled = try parse("oom_kill_disable 1\nunder_oom 1\n", CgroupV1OOMControl.init(parsing:))
    #expect(disabled.isOOMKillDisabled)
    #expect(disabled.isUnderOOM)
}

@Test func earlyV2StatWithASingleRefaultCounter() throws {
    let stat = try parse(
        fixture: "oomd", "cgroupv2-memory-stat", "sys/fs/cgroup/system.slice/memory.stat",
        CgroupV2MemoryStat.init(parsing:))
    #expect(stat.anonBytes == 1_294_168_064)
    #expect(stat.fileBytes == 3_870_687_232)
    #expect(stat.shmemBytes == 135168)
    #expect(stat.inactiveFileBytes == 1_284_907_008)
    #expect(stat.activeFileBytes == 2_586_988_544)
    #expect(stat.majorFaults == 4_627_590)
    #expect(stat.refaults == 510_510)
    #expect(stat.scanPages == 787_288)
    #expect(stat.scanKswapdPages == nil)
    #expect(stat.scanDirectPages == nil)
    #expect(stat.stealPages == 770_913)
    let workload = try parse(
        fixture: "oomd", "cgroupv2-memory-stat", "sys/fs/cgroup/workload.slice/memory.stat",
        CgroupV2MemoryStat.init(parsing:))
    #expect(workload.anonBytes == 1_056_014_336)
    #expect(workload.majorFaults == 259_380)
    #expect(workload.refaults == 0)
}

@Test func v2StatWithSplitRefaultsAndTheEventsOfTheSameGroup() throws {
    let stat = try parse(
        fixture: "elastic-agent-system-metrics", "docker-cgroupv1-old-kernel", dockerV2 + "memory.stat",
        CgroupV2MemoryStat.init(parsing:))
    #expect(stat.anonBytes == 411_045_888)
    #expect(stat.fileBytes == 0)
    #expect(stat.inactiveFileBytes == 270_336)
    #expect(stat.refaults == 10)
    let events = try parse(
        fixture: "elastic-agent-system-metrics", "docker-cgroupv1-old-kernel", dockerV2 + "memory.events",
        CgroupV2Events.init(parsing:))
    #expect(events.low == 10)
    #expect(events.high == 3)
    #expect(events.max == 2)
    #expect(events.oom == 1)
    #expect(events.oomKill == 1)
    #expect(events.oomGroupKill == 0)
    let newer = try parse("low 0\nhigh 0\nmax 7\noom 2\noom_kill 2\noom_group_kill 1\n", CgroupV2Events.init(parsing:))
    #expect(newer.oomGroupKill == 1)
}

@Test(arguments: [
    ("anon 1\nfile\n", ParseError(line: 2, "not a key and a non-negative number")),
    ("anon -1\n", ParseError(line: 1, "not a key and a non-negative number")),
    ("anon 1 2\n", ParseError(line: 1, "not a key and a non-negative number")),
    ("anon 99999999999999999999\n", ParseError(line: 1, "not a key and a non-negative number")),
])
func malformedKeyedCgroupFilesAreRejected(_ text: String, _ error: ParseError) {
    #expect(throws: error) { try parse(text, CgroupV2MemoryStat.init(parsing:)) }
    #expect(throws: error) { try parse(text, CgroupV1MemoryStat.init(parsing:)) }
    #expect(throws: error) { try parse(text, CgroupV2Events.init(parsing:)) }
    #expect(throws: error) { try parse(text, CgroupV1OOMControl.init(parsing:)) }
}
