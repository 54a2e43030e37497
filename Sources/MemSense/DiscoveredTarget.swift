/// One thing fastoomd can watch on this node: the node itself, a memory cgroup named by the
/// operator or found as its own, a Kubernetes pod, or a container, with what it may use and
/// what it uses now.
public struct DiscoveredTarget: Sendable, Equatable {
    public enum Kind: String, Sendable, Codable {
        case node
        case cgroup
        case pod
        case container
    }

    public var kind: Kind
    /// The memory cgroup; nil for the node.
    public var location: CgroupLocation?
    public var podUID: String?
    public var podName: String?
    public var podNamespace: String?
    public var containerID: String?
    public var containerName: String?
    /// The pod's sandbox ("pause") container.
    public var isSandbox: Bool
    /// The memory limit (the node's total memory for the node); nil when there is none.
    public var limitBytes: UInt64?
    public var usageBytes: UInt64?

    public init(
        kind: Kind, location: CgroupLocation? = nil, podUID: String? = nil, podName: String? = nil,
        podNamespace: String? = nil, containerID: String? = nil, containerName: String? = nil,
        isSandbox: Bool = false, limitBytes: UInt64? = nil, usageBytes: UInt64? = nil
    ) {
        self.kind = kind
        self.location = location
        self.podUID = podUID
        self.podName = podName
        self.podNamespace = podNamespace
        self.containerID = containerID
        self.containerName = containerName
        self.isSandbox = isSandbox
        self.limitBytes = limitBytes
        self.usageBytes = usageBytes
    }

    /// How a person would name it: `node`, a cgroup path, `namespace/pod`, `namespace/pod/container`,
    /// `namespace/pod sandbox`; a pod or container whose runtime metadata is unknown is `pod <uid>`
    /// or `container <id>`.
    public var name: String {
        switch kind {
        case .node: return "node"
        case .cgroup: return location?.path ?? "cgroup"
        case .pod: return podQualifiedName ?? "pod \(podUID ?? "?")"
        case .container:
            if isSandbox, let podQualifiedName { return podQualifiedName + " sandbox" }
            guard let containerName else { return "container \(containerID ?? "?")" }
            return podQualifiedName.map { "\($0)/\(containerName)" } ?? containerName
        }
    }

    private var podQualifiedName: String? {
        guard let podName else { return nil }
        return podNamespace.map { "\($0)/\(podName)" } ?? podName
    }
}

extension DiscoveredTarget {
    /// The node from /proc/meminfo: its limit is MemTotal, its usage MemTotal − MemAvailable.
    public static func node(in source: any FileSource) throws(MemSenseError) -> DiscoveredTarget {
        var buffer = ReadBuffer(capacity: 8192)
        let memInfo = try source.parse("proc/meminfo", into: &buffer, with: MemInfo.init(parsing:))
        let available = min(memInfo.availableBytes(), memInfo.totalBytes)
        return DiscoveredTarget(kind: .node, limitBytes: memInfo.totalBytes, usageBytes: memInfo.totalBytes - available)
    }

    /// A memory cgroup with its usage and limit; nil figures when its files cannot be read.
    public static func cgroup(_ location: CgroupLocation, in source: any FileSource) -> DiscoveredTarget {
        let sampler = CgroupSampler(source: source, directory: location.directory, version: location.version)
        let figures = try? sampler.usageAndLimit()
        return DiscoveredTarget(
            kind: .cgroup, location: location, limitBytes: figures?.limitBytes, usageBytes: figures?.usageBytes)
    }
}
