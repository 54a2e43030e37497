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

    /// The memory cgroup an operator named: `self` (this process's group), a directory such as
    /// `/sys/fs/cgroup/memory/kubepods/pod1` (read under the source's sys root), or a hierarchy
    /// path such as `/kubepods/pod1` looked up in the mounted memory hierarchy. Its version is
    /// told by its files, so a fixture tree works like a live one.
    public static func named(_ name: String, in source: any FileSource) throws(MemSenseError) -> CgroupLocation {
        if name == "self" {
            guard let own = try memoryCgroup(in: source) else { throw .notAMemoryCgroup(path: "proc/self/cgroup") }
            return own
        }
        var buffer = ReadBuffer(capacity: 4096)
        let mounts = try? source.parse("proc/self/mountinfo", into: &buffer, with: MountInfo.init(parsing:))
        let candidates: [(String, MountInfo.Mount?)]
        if name.hasPrefix("/sys/") || name.hasPrefix("sys/") {
            let directory = name.hasPrefix("/") ? String(name.dropFirst()) : name
            candidates = [(directory, nil)]
        } else {
            candidates = [mounts?.memoryV1, mounts?.cgroup2].compactMap { mount in
                mount.flatMap { mount in Self.directory(of: name, in: mount).map { ($0, mount) } }
            }
        }
        for (directory, mount) in candidates {
            let trimmed = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
            let version: CgroupVersion
            if (try? source.read(trimmed + "/memory.usage_in_bytes", into: &buffer)) != nil {
                version = .v1
            } else if (try? source.read(trimmed + "/memory.current", into: &buffer)) != nil {
                version = .v2
            } else {
                continue
            }
            let known = mount ?? (version == .v1 ? mounts?.memoryV1 : mounts?.cgroup2)
            return CgroupLocation(version: version, path: hierarchyPath(of: trimmed, in: known), directory: trimmed)
        }
        throw .notAMemoryCgroup(path: candidates.first?.0 ?? name)
    }

    /// The hierarchy path of a group's source directory: what follows the mount point, under the
    /// mount's root; the directory itself when no mount is known (a fixture without mountinfo).
    static func hierarchyPath(of directory: String, in mount: MountInfo.Mount?) -> String {
        guard let mount else { return "/" + directory }
        let base = mount.mountPoint.hasPrefix("/sys/") ? String(mount.mountPoint.dropFirst()) : mount.mountPoint
        guard directory == base || directory.hasPrefix(base + "/") else { return "/" + directory }
        let inside = directory.dropFirst(base.count)
        if mount.root == "/" { return inside.isEmpty ? "/" : String(inside) }
        return mount.root + inside
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
