import MemSense

/// The pods and containers of the last discovery by cgroup path, to name the pod, namespace
/// and container that a process's cgroup belongs to (a victim's, whatever target chose it).
struct PodIndex {
    /// Where in Kubernetes a cgroup is.
    struct Placement: Equatable {
        var pod: String?
        var namespace: String?
        var container: String?
    }

    /// Longest path first, so that a container wins over its pod.
    private var entries: [(path: String, placement: Placement)] = []

    init() {}

    init(_ discovered: [DiscoveredTarget]) {
        for target in discovered where target.kind == .pod || target.kind == .container {
            guard let path = target.location?.path, target.podName != nil || target.containerName != nil else {
                continue
            }
            entries.append(
                (path, Placement(pod: target.podName, namespace: target.podNamespace, container: target.containerName)))
        }
        entries.sort { $0.path.utf8.count > $1.path.utf8.count }
    }

    /// The placement of the cgroup at hierarchy path `cgroupPath` (itself or a group inside one
    /// that was discovered); nil outside every pod.
    func placement(ofCgroup cgroupPath: String) -> Placement? {
        entries.first { cgroupPath == $0.path || cgroupPath.hasPrefix($0.path + "/") }?.placement
    }
}
