/// Finds the Kubernetes pods and the containers in the memory hierarchy, by the names the
/// kubelet and the runtimes give their cgroups (see `CgroupDirectoryName`), and names them from
/// the runtimes' files (see `RuntimeMetadata`).
///
///     kubepods/burstable/pod<uid>/<id>                                           v1, cgroupfs driver
///     kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod<uid_>.slice/
///         cri-containerd-<id>.scope                                              systemd driver (v1, v2)
///     docker/<id>, system.slice/docker-<id>.scope                                Docker alone
///
/// The walk is bounded in depth and in directories read, so a deep or looping tree (a fixture
/// with a symbolic link to its parent) ends. A directory that vanishes or cannot be listed is
/// skipped: cgroups come and go while they are walked.
public struct ContainerDiscovery {
    /// Deeper than kubepods' four levels under a nested root, shallow enough to end quickly.
    public static let maximumDepth = 10
    public static let maximumDirectories = 10_000

    private let source: any FileSource
    private let runtime: RuntimeMetadata

    public init(source: any FileSource, runtime: RuntimeMetadata) {
        self.source = source
        self.runtime = runtime
    }

    /// The root of the mounted memory hierarchy (v1 memory hierarchy when there is one, as in
    /// `CgroupLocation.memoryCgroup`); nil when none is mounted.
    public static func memoryHierarchyRoot(in source: any FileSource) throws(MemSenseError) -> CgroupLocation? {
        var buffer = ReadBuffer(capacity: 4096)
        let mounts = try source.parse("proc/self/mountinfo", into: &buffer, with: MountInfo.init(parsing:))
        for (mount, version) in [(mounts.memoryV1, CgroupVersion.v1), (mounts.cgroup2, .v2)] {
            guard let mount, let directory = CgroupLocation.directory(of: mount.root, in: mount) else { continue }
            return CgroupLocation(version: version, path: mount.root, directory: directory)
        }
        return nil
    }

    /// The pods and containers under the hierarchy path `cgroupRoot` (`/kubepods`), or in the
    /// whole memory hierarchy when it is nil (none when no hierarchy is mounted).
    public func targets(underPath cgroupRoot: String?) throws(MemSenseError) -> [DiscoveredTarget] {
        if let cgroupRoot { return targets(under: try CgroupLocation.named(cgroupRoot, in: source)) }
        guard let root = try Self.memoryHierarchyRoot(in: source) else { return [] }
        return targets(under: root)
    }

    /// The pods and containers under `root`, in hierarchy-path order, each with its limit and
    /// usage when its files can be read.
    public func targets(under root: CgroupLocation) -> [DiscoveredTarget] {
        var found: [DiscoveredTarget] = []
        var pending: [(location: CgroupLocation, depth: Int, pod: DiscoveredTarget?)] = [(root, 0, nil)]
        var listed = 0
        while let (parent, depth, pod) = pending.popLast(), listed < Self.maximumDirectories {
            listed += 1
            guard let names = try? source.entries(of: parent.directory) else { continue }
            for name in names where !Self.isInterfaceFile(name) {
                let location = CgroupLocation(
                    version: parent.version, path: parent.path == "/" ? "/" + name : parent.path + "/" + name,
                    directory: parent.directory + "/" + name)
                switch CgroupDirectoryName(name) {
                case .pod(let uid):
                    let target = measured(DiscoveredTarget(kind: .pod, location: location, podUID: uid))
                    found.append(target)
                    if depth + 1 < Self.maximumDepth { pending.append((location, depth + 1, target)) }
                case .container(let id):
                    found.append(container(id: id, at: location, in: pod))
                case .plain:
                    if depth + 1 < Self.maximumDepth { pending.append((location, depth + 1, pod)) }
                }
            }
        }
        return named(found).sorted { ($0.location?.path ?? "") < ($1.location?.path ?? "") }
    }

    private func container(id: String, at location: CgroupLocation, in pod: DiscoveredTarget?) -> DiscoveredTarget {
        let metadata = runtime.metadata(ofContainer: id)
        return measured(
            DiscoveredTarget(
                kind: .container, location: location, podUID: pod?.podUID ?? metadata?.podUID,
                podName: metadata?.podName, podNamespace: metadata?.podNamespace, containerID: id,
                containerName: metadata?.isSandbox == true ? nil : metadata?.containerName,
                isSandbox: metadata?.isSandbox ?? false))
    }

    /// Pods take their name and namespace from the first of their containers that has them.
    private func named(_ targets: [DiscoveredTarget]) -> [DiscoveredTarget] {
        var names: [String: (String, String?)] = [:]
        for target in targets where target.kind == .container {
            guard let uid = target.podUID, let podName = target.podName, names[uid] == nil else { continue }
            names[uid] = (podName, target.podNamespace)
        }
        return targets.map { target in
            guard target.kind == .pod, let uid = target.podUID, let (podName, namespace) = names[uid] else {
                return target
            }
            var named = target
            named.podName = podName
            named.podNamespace = namespace
            return named
        }
    }

    private func measured(_ target: DiscoveredTarget) -> DiscoveredTarget {
        guard let location = target.location else { return target }
        var measured = target
        let figures = DiscoveredTarget.cgroup(location, in: source)
        measured.usageBytes = figures.usageBytes
        measured.limitBytes = figures.limitBytes
        return measured
    }

    /// The control files of a cgroup directory (`memory.stat`, `cgroup.procs`, `tasks`...),
    /// which are never groups: not listed as directories.
    static func isInterfaceFile(_ name: String) -> Bool {
        let controllers = ["memory.", "cgroup.", "cpu.", "cpuset.", "io.", "pids.", "hugetlb.", "rdma.", "misc."]
        return controllers.contains { name.hasPrefix($0) }
            || ["tasks", "notify_on_release", "release_agent"].contains(name)
    }
}
