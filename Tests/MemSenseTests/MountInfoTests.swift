import MemSense
import Testing

@Test func hybridHostHasAV1MemoryMountAndAUnifiedMount() throws {
    let mounts = try parse(
        fixture: "elastic-agent-system-metrics", "ubuntu1804-cgroupv1-no-memsw", "proc/self/mountinfo",
        MountInfo.init(parsing:))
    #expect(mounts.memoryV1 == MountInfo.Mount(root: "/", mountPoint: "/sys/fs/cgroup/memory"))
    #expect(mounts.cgroup2 == MountInfo.Mount(root: "/", mountPoint: "/sys/fs/cgroup/unified"))
}

@Test func v1HostWithoutCgroup2() throws {
    let mounts = try parse(
        fixture: "elastic-agent-system-metrics", "amzn2-eks-cgroupv1", "proc/self/mountinfo", MountInfo.init(parsing:))
    #expect(mounts.memoryV1 == MountInfo.Mount(root: "/", mountPoint: "testdata/amzn2/sys/fs/cgroup/memory"))
    #expect(mounts.cgroup2 == nil)
}

@Test func containerSeesASubtreeOfTheMemoryHierarchy() throws {
    let mounts = try parse(
        fixture: "elastic-agent-system-metrics", "docker-cgroupv1-old-kernel", "proc/self/mountinfo",
        MountInfo.init(parsing:))
    #expect(mounts.memoryV1?.root == "/docker/3fc95ce32f84e9346c5fbd3bce38045e478aa5b067603955555cbff8445ba74f")
    #expect(mounts.memoryV1?.mountPoint == "testdata/docker/sys/fs/cgroup/memory")
    #expect(mounts.cgroup2 == MountInfo.Mount(root: "/", mountPoint: "testdata/docker/sys/fs/cgroup"))
}

@Test func octalEscapesInMountPointsAreDecoded() throws {
    let text = "41 31 0:38 /a\\040b /sys/fs/cgroup/my\\040cg\\134x rw - cgroup2 cgroup2 rw\n"
    let mounts = try parse(text, MountInfo.init(parsing:))
    #expect(mounts.cgroup2 == MountInfo.Mount(root: "/a b", mountPoint: "/sys/fs/cgroup/my cg\\x"))
}

@Test func cgroupWithoutTheMemoryOptionIsNotTheMemoryMount() throws {
    let text = """
        32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
        40 31 0:37 / /sys/fs/cgroup/systemd rw,relatime - cgroup cgroup rw,name=systemd
        35 31 0:32 / /sys/fs/cgroup/memory rw,relatime shared:4 master:2 - cgroup cgroup rw,memory

        """
    let mounts = try parse(text, MountInfo.init(parsing:))
    #expect(mounts.memoryV1?.mountPoint == "/sys/fs/cgroup/memory")
    #expect(mounts.cgroup2 == nil)
}

@Test(arguments: [
    "garbage\n",
    "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime shared:4 cgroup cgroup rw,memory\n",
    "35 31 0:32 / /x rw - cgroup\n",
])
func malformedMountinfoLineIsRejected(_ text: String) {
    #expect(throws: ParseError(line: 1, "not a mountinfo line")) { try parse(text, MountInfo.init(parsing:)) }
}
