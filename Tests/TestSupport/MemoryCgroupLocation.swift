import MemSense

/// Where this process's cgroup v1 memory cgroup is, from the kernel's own files, so that test
/// cgroups are created under it rather than at a guessed absolute path.
public enum MemoryCgroupLocation {
    /// The cgroup v1 memory hierarchy's mount.
    public struct Mount: Equatable, Sendable {
        /// The cgroup the mount shows at its mount point, usually `/`.
        public let root: String
        public let mountPoint: String

        public init(root: String, mountPoint: String) {
            self.root = root
            self.mountPoint = mountPoint
        }
    }

    /// The path of the `memory` controller's cgroup in `/proc/self/cgroup`, from a line such as
    /// `4:memory:/process_api/b2a87868799db8631e834d75a7cc8bb1` (or `4:cpu,memory:/x`).
    public static func cgroupPath(procSelfCgroup bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var scanner = ByteScanner(bytes)
        while let line = scanner.nextLine() {
            let fields = line.bytes.split(separator: UInt8(ascii: ":"), maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3 else { continue }
            let controllers = fields[1].split(separator: UInt8(ascii: ","))
            let hasMemory = controllers.contains { controller in
                KernelNumber.field(UnsafeBufferPointer(rebasing: controller), equals: "memory")
            }
            if hasMemory { return String(decoding: fields[2], as: UTF8.self) }
        }
        return nil
    }

    /// The cgroup v1 memory mount in `/proc/self/mountinfo`, from a line such as
    /// `35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory`
    /// (root in field 4, mount point in field 5, file system type and super options after `-`).
    /// Octal escapes such as `\040` are not decoded: cgroup mounts do not need them.
    public static func mount(mountinfo bytes: UnsafeBufferPointer<UInt8>) -> Mount? {
        var scanner = ByteScanner(bytes)
        while let found = scanner.nextLine() {
            var line = found
            var fields: [UnsafeBufferPointer<UInt8>] = []
            while let field = line.nextField() { fields.append(field) }
            guard fields.count >= 10, let dash = fields.firstIndex(where: { KernelNumber.field($0, equals: "-") }),
                dash + 3 < fields.count, KernelNumber.field(fields[dash + 1], equals: "cgroup")
            else { continue }
            let options = fields[dash + 3].split(separator: UInt8(ascii: ","))
            guard options.contains(where: { KernelNumber.field(UnsafeBufferPointer(rebasing: $0), equals: "memory") })
            else { continue }
            return Mount(
                root: String(decoding: fields[3], as: UTF8.self), mountPoint: String(decoding: fields[4], as: UTF8.self)
            )
        }
        return nil
    }

    /// The directory of the cgroup `cgroupPath` under `mount`; nil when the mount does not show it
    /// (the cgroup is outside the mount's root, as in a container with a namespaced view).
    public static func directory(cgroupPath: String, mount: Mount) -> String? {
        if mount.root == "/" { return cgroupPath == "/" ? mount.mountPoint : mount.mountPoint + cgroupPath }
        guard cgroupPath == mount.root || cgroupPath.hasPrefix(mount.root + "/") else { return nil }
        return mount.mountPoint + cgroupPath.dropFirst(mount.root.count)
    }

    /// The directory of this process's memory cgroup, read through `source`
    /// (`proc/self/cgroup`, `proc/self/mountinfo`).
    public static func current(source: DirectorySource = DirectorySource()) throws(TestRigError) -> String {
        let cgroupFile = "proc/self/cgroup"
        let mountFile = "proc/self/mountinfo"
        let cgroupBytes: [UInt8]
        let mountBytes: [UInt8]
        do {
            cgroupBytes = try source.contents(of: cgroupFile)
            mountBytes = try source.contents(of: mountFile)
        } catch {
            throw .unreadable(error)
        }
        guard let path = cgroupBytes.withUnsafeBufferPointer({ cgroupPath(procSelfCgroup: $0) }) else {
            throw .unexpected(path: cgroupFile, reason: "no cgroup v1 memory line")
        }
        guard let mount = mountBytes.withUnsafeBufferPointer({ mount(mountinfo: $0) }) else {
            throw .unexpected(path: mountFile, reason: "no cgroup v1 memory mount")
        }
        guard let directory = directory(cgroupPath: path, mount: mount) else {
            throw .unexpected(path: mountFile, reason: "the memory mount (root \(mount.root)) does not show \(path)")
        }
        return directory
    }
}
