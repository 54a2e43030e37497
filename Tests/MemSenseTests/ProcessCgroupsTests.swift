import MemSense
import Testing

@Test func hybridHostPicksTheV1MemoryLine() throws {
    let cgroups = try parse(fixture: "local-6.18", "idle-shell", "proc/15198/cgroup", ProcessCgroups.init(parsing:))
    #expect(cgroups.memoryV1Path == "/system.slice/shell.service")
    #expect(cgroups.unifiedPath == "/")
    #expect(cgroups.memoryPath == "/system.slice/shell.service")
}

@Test func nearLimitProcessIsInTheChildGroup() throws {
    let cgroups = try parse(
        fixture: "local-6.18", "memcg-near-limit", "proc/18390/cgroup", ProcessCgroups.init(parsing:))
    #expect(cgroups.memoryPath == "/system.slice/shell.service/fixture-capture-18383")
}

@Test func kubernetesSystemdDriverPathWithEmptyUnifiedLine() throws {
    let cgroups = try parse(
        fixture: "elastic-agent-system-metrics", "amzn2-eks-cgroupv1", "proc/493239/cgroup",
        ProcessCgroups.init(parsing:))
    #expect(
        cgroups.memoryPath
            == "/kubepods.slice/kubepods-burstable.slice/"
            + "kubepods-burstable-pod7a96c459_d529_44ae_9f99_90d3798d6426.slice/"
            + "cri-containerd-1d3d308a7d48a27814a68bf33a44acf4441c9c02463ca0bc1cdfdc8c0b4a8496.scope"
    )
    #expect(cgroups.unifiedPath == "/")
}

@Test func cgroupFileWithoutTrailingNewlineKeepsItsLastLine() throws {
    let ubuntu = try parse(
        fixture: "elastic-agent-system-metrics", "ubuntu1804-cgroupv1-no-memsw", "proc/3757/cgroup",
        ProcessCgroups.init(parsing:))
    #expect(ubuntu.memoryV1Path == "/system.slice/networkd-dispatcher.service")
    #expect(ubuntu.unifiedPath == "/system.slice/networkd-dispatcher.service")
    let docker = try parse(
        fixture: "elastic-agent-system-metrics", "docker-cgroupv1-old-kernel", "proc/312/cgroup",
        ProcessCgroups.init(parsing:))
    #expect(docker.memoryV1Path == nil)
    #expect(
        docker.memoryPath
            == "/system.slice/docker-1c8fa019edd4b9d4b2856f4932c55929c5c118c808ed5faee9a135ca6e84b039.scope")
}

@Test func v1OnlyDockerContainerHasNoUnifiedLine() throws {
    let cgroups = try parse(
        fixture: "elastic-agent-system-metrics", "docker-cgroupv1-old-kernel", "proc/985/cgroup",
        ProcessCgroups.init(parsing:))
    #expect(cgroups.memoryPath == "/docker/b29faf21b7eff959f64b4192c34d5d67a707fe8561e9eaa608cb27693fba4242")
    #expect(cgroups.unifiedPath == nil)
}

@Test func combinedControllersAndKubernetesCgroupfsDriver() throws {
    let cgroups = try parse(
        fixture: "container-info", "gke-cgroupv1-cgroupfs-driver", "proc/self/cgroup", ProcessCgroups.init(parsing:))
    #expect(
        cgroups.memoryPath
            == "/kubepods/besteffort/pod74c13223-5a00-11e9-b385-42010a80018d/"
            + "34dc0b5e626f2c5c4c5170e34b10e7654ce36f0fcd532739f4445baabea03376"
    )
    let combined = try parse("4:memory,foo:/x\n1:cpu,cpuacct:/y\n", ProcessCgroups.init(parsing:))
    #expect(combined.memoryV1Path == "/x")
}

@Test func cgroupPathsMayContainColons() throws {
    let cgroups = try parse("0::/a:b/c\n", ProcessCgroups.init(parsing:))
    #expect(cgroups.unifiedPath == "/a:b/c")
}

@Test(arguments: [
    ("garbage\n", ParseError(line: 1, "not hierarchy-ID:controllers:path")),
    ("0::/\n4:memory\n", ParseError(line: 2, "not hierarchy-ID:controllers:path")),
    ("3::/x\n", ParseError(line: 1, "a hierarchy without controllers must be 0")),
])
func malformedCgroupFileIsRejected(_ text: String, _ error: ParseError) {
    #expect(throws: error) { try parse(text, ProcessCgroups.init(parsing:)) }
}

@Test func aCgroupIsWithinItselfAndItsAncestorsOnly() {
    #expect(ProcessCgroups.path("/a/b", isWithin: "/a"))
    #expect(ProcessCgroups.path("/a", isWithin: "/a"))
    #expect(ProcessCgroups.path("/a/b", isWithin: "/a/"))
    #expect(ProcessCgroups.path("/anything", isWithin: "/"))
    #expect(!ProcessCgroups.path("/ab", isWithin: "/a"))
    #expect(!ProcessCgroups.path("/a", isWithin: "/a/b"))
}
