import TestSupport
import Testing

@Suite struct MemoryCgroupLocationTests {
    static func cgroupPath(_ text: String) -> String? {
        Array(text.utf8).withUnsafeBufferPointer { MemoryCgroupLocation.cgroupPath(procSelfCgroup: $0) }
    }

    static func mount(_ text: String) -> MemoryCgroupLocation.Mount? {
        Array(text.utf8).withUnsafeBufferPointer { MemoryCgroupLocation.mount(mountinfo: $0) }
    }

    @Test func memoryLineOfProcSelfCgroupGivesThePath() {
        let text = """
            9:name=systemd:/
            4:memory:/process_api/b2a87868799db8631e834d75a7cc8bb1
            0::/
            """
        #expect(Self.cgroupPath(text) == "/process_api/b2a87868799db8631e834d75a7cc8bb1")
        #expect(Self.cgroupPath("3:cpu,memory:/a:b\n") == "/a:b")
        #expect(Self.cgroupPath("4:memoryx:/no\n0::/\n") == nil)
    }

    @Test func memoryMountIsFoundAmongOtherCgroupMounts() {
        let text = """
            31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755
            32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu
            35 31 0:32 / /sys/fs/cgroup/memory rw,relatime shared:9 - cgroup cgroup rw,memory
            41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
            """
        #expect(Self.mount(text) == MemoryCgroupLocation.Mount(root: "/", mountPoint: "/sys/fs/cgroup/memory"))
        #expect(Self.mount("41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw,memory\n") == nil)
    }

    @Test func directoryJoinsTheCgroupPathToTheMountRoot() {
        let atRoot = MemoryCgroupLocation.Mount(root: "/", mountPoint: "/sys/fs/cgroup/memory")
        #expect(MemoryCgroupLocation.directory(cgroupPath: "/a/b", mount: atRoot) == "/sys/fs/cgroup/memory/a/b")
        #expect(MemoryCgroupLocation.directory(cgroupPath: "/", mount: atRoot) == "/sys/fs/cgroup/memory")
        let nested = MemoryCgroupLocation.Mount(root: "/docker/abc", mountPoint: "/sys/fs/cgroup/memory")
        #expect(MemoryCgroupLocation.directory(cgroupPath: "/docker/abc/x", mount: nested) == "/sys/fs/cgroup/memory/x")
        #expect(MemoryCgroupLocation.directory(cgroupPath: "/docker/abcd", mount: nested) == nil)
    }
}
