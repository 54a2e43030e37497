/// Where a memory cgroup is: its interface version, its path in its hierarchy as
/// /proc/PID/cgroup writes it, and its directory as a source path.
public struct CgroupLocation: Sendable, Equatable {
    public var version: CgroupVersion
    /// `/system.slice/shell.service`: what process cgroup paths are compared with.
    public var path: String
    /// `sys/fs/cgroup/memory/system.slice/shell.service`: the directory to sample.
    public var directory: String

    public init(version: CgroupVersion, path: String, directory: String) {
        self.version = version
        self.path = path
        self.directory = directory
    }

    /// The memory cgroup of process `pid` (`self` for this one), from its cgroup file and the
    /// mounts this process sees (its own mountinfo: the directory must be reachable from here).
    /// A v1 memory hierarchy wins when it is mounted (v1 and hybrid hosts); else the unified
    /// hierarchy, if its group has the memory controller. Nil when neither holds (memory
    /// controller disabled, hierarchy not mounted, group outside the part that is mounted).
    public static func memoryCgroup(of pid: String = "self", in source: any FileSource) throws(MemSenseError)
        -> CgroupLocation?
    {
        var buffer = ReadBuffer(capacity: 4096)
        let cgroups = try source.parse("proc/\(pid)/cgroup", into: &buffer, with: ProcessCgroups.init(parsing:))
        let mounts = try source.parse("proc/self/mountinfo", into: &buffer, with: MountInfo.init(parsing:))
        if let path = cgroups.memoryV1Path, let mount = mounts.memoryV1 {
            return directory(of: path, in: mount).map { CgroupLocation(version: .v1, path: path, directory: $0) }
        }
        guard let path = cgroups.unifiedPath, let mount = mounts.cgroup2, let directory = directory(of: path, in: mount)
        else { return nil }
        let hasMemory = try source.parse(directory + "/cgroup.controllers", into: &buffer) { bytes in
            var scanner = ByteScanner(bytes)
            var line = scanner.nextLine()
            while let name = line?.nextField() {
                if KernelNumber.field(name, equals: "memory") { return true }
            }
            return false
        }
        return hasMemory ? CgroupLocation(version: .v2, path: path, directory: directory) : nil
    }

    /// The source path of `path` in a hierarchy mounted at `mount`. The mount may show only a
    /// subtree (a container sees `/docker/<id>` mounted as its root); a path outside it is not
    /// reachable (nil). A mount under /sys becomes a `sys/...` source path; any other stays as
    /// written.
    static func directory(of path: String, in mount: MountInfo.Mount) -> String? {
        guard ProcessCgroups.path(path, isWithin: mount.root) else { return nil }
        let inside = mount.root == "/" ? Substring(path) : path.dropFirst(mount.root.count)
        let base = mount.mountPoint.hasPrefix("/sys/") ? String(mount.mountPoint.dropFirst()) : mount.mountPoint
        let relative = inside.drop { $0 == "/" }
        return relative.isEmpty ? base : base + "/" + relative
    }
}
