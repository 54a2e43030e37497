import Glibc
import MemSense
import TestSupport
import Testing

@Test func hybridUbuntuServiceIsFoundInTheV1MemoryHierarchy() throws {
    let source = fixtureSource("elastic-agent-system-metrics", "ubuntu1804-cgroupv1-no-memsw")
    let location = try #require(try CgroupLocation.memoryCgroup(of: "3757", in: source))
    #expect(
        location
            == CgroupLocation(
                version: .v1, path: "/system.slice/networkd-dispatcher.service",
                directory: "sys/fs/cgroup/memory/system.slice/networkd-dispatcher.service"))
    let memory = try CgroupSampler(source: source, directory: location.directory, version: location.version).memory()
    #expect(memory.usageBytes == 9_039_872)
}

@Test func mountPointOutsideSysIsKeptAsWritten() throws {
    let source = fixtureSource("elastic-agent-system-metrics", "amzn2-eks-cgroupv1")
    let location = try #require(try CgroupLocation.memoryCgroup(of: "1", in: source))
    #expect(location == CgroupLocation(version: .v1, path: "/", directory: "testdata/amzn2/sys/fs/cgroup/memory"))
}

@Test func groupOutsideTheMountedSubtreeIsNotReachable() throws {
    let source = fixtureSource("elastic-agent-system-metrics", "docker-cgroupv1-old-kernel")
    #expect(try CgroupLocation.memoryCgroup(of: "985", in: source) == nil)
}

private let hybridMounts = """
    35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
    41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw

    """

@Test func hybridHostWithoutV2MemoryUsesTheV1Hierarchy() throws {
    let source = InMemoryFileSource([
        "proc/self/cgroup": "4:memory:/process_api/abc\n1:name=systemd:/\n0::/\n",
        "proc/self/mountinfo": hybridMounts,
        "sys/fs/cgroup/unified/cgroup.controllers": "\n",
    ])
    #expect(
        try CgroupLocation.memoryCgroup(in: source)
            == CgroupLocation(
                version: .v1, path: "/process_api/abc", directory: "sys/fs/cgroup/memory/process_api/abc"))
}

@Test func pureV2HostUsesTheUnifiedGroupWhenItHasTheMemoryController() throws {
    let source = InMemoryFileSource([
        "proc/self/cgroup": "0::/user.slice/app.service\n",
        "proc/self/mountinfo": "30 24 0:27 / /sys/fs/cgroup rw - cgroup2 cgroup2 rw,nsdelegate\n",
        "sys/fs/cgroup/user.slice/app.service/cgroup.controllers": "cpu io memory pids\n",
    ])
    #expect(
        try CgroupLocation.memoryCgroup(in: source)
            == CgroupLocation(
                version: .v2, path: "/user.slice/app.service", directory: "sys/fs/cgroup/user.slice/app.service"))
    source.set("sys/fs/cgroup/user.slice/app.service/cgroup.controllers", "cpu io pids\n")
    #expect(try CgroupLocation.memoryCgroup(in: source) == nil)
}

@Test func containerWithANamespacedMountFindsItsChildGroup() throws {
    let source = InMemoryFileSource([
        "proc/self/cgroup": "5:memory:/docker/abc/worker\n",
        "proc/self/mountinfo": "90 82 0:26 /docker/abc /sys/fs/cgroup/memory ro - cgroup cgroup rw,memory\n",
    ])
    #expect(
        try CgroupLocation.memoryCgroup(in: source)
            == CgroupLocation(version: .v1, path: "/docker/abc/worker", directory: "sys/fs/cgroup/memory/worker"))
}

@Test func hostWithoutAMemoryHierarchyHasNoMemoryCgroup() throws {
    let source = InMemoryFileSource([
        "proc/self/cgroup": "1:name=systemd:/\n",
        "proc/self/mountinfo": "40 31 0:37 / /sys/fs/cgroup/systemd rw - cgroup cgroup rw,name=systemd\n",
    ])
    #expect(try CgroupLocation.memoryCgroup(in: source) == nil)
}

/// This process's v1 memory cgroup path, read without MemSense.
private func ownMemoryLine() throws -> String {
    let text = String(decoding: try DirectorySource().contents(of: "proc/self/cgroup"), as: UTF8.self)
    let line = try #require(text.split(separator: "\n").first { $0.split(separator: ":")[1] == "memory" })
    return String(line.split(separator: ":", maxSplits: 2)[2])
}

@Test(.tags(.kernel), .enabled(if: KernelGate.shouldRun))
func thisShellsMemoryCgroupIsFoundAndRead() throws {
    let source = DirectorySource()
    let location = try #require(try CgroupLocation.memoryCgroup(in: source))
    let path = try ownMemoryLine()
    #expect(location == CgroupLocation(version: .v1, path: path, directory: "sys/fs/cgroup/memory" + path))
    let memory = try CgroupSampler(source: source, directory: location.directory, version: .v1).memory()
    #expect(memory.usageBytes > 0)
    let limitText = String(
        decoding: try source.contents(of: location.directory + "/memory.limit_in_bytes"), as: UTF8.self)
    let limit = try #require(UInt64(limitText.filter { $0 != "\n" }))
    #expect(memory.limitBytes == (limit >= 1 << 62 ? nil : limit))
}

@Test(.tags(.kernel), .enabled(if: KernelGate.shouldRun))
func removedKernelCgroupReadsAsGone() throws {
    let source = DirectorySource()
    let parent = try #require(try CgroupLocation.memoryCgroup(in: source))
    let directory = parent.directory + "/fastoomd-test-\(getpid())"
    let absolute = source.absolutePath(directory)
    try #require(mkdir(absolute, 0o755) == 0)
    defer { rmdir(absolute) }
    let sampler = CgroupSampler(source: source, directory: directory, version: .v1)
    let fresh = try sampler.sample(
        within: Sample(kind: .node, tMs: 0, totalBytes: 1 << 40, availableBytes: 1 << 40, swapTotalBytes: 0))
    #expect(fresh.counters.oomKills == 0)
    #expect(fresh.availableBytes <= fresh.totalBytes)
    try #require(rmdir(absolute) == 0)
    let error = try #require(throws: MemSenseError.self) {
        try sampler.sample(
            within: Sample(kind: .node, tMs: 100, totalBytes: 1 << 40, availableBytes: 1 << 40, swapTotalBytes: 0))
    }
    #expect(error.isGone)
}
