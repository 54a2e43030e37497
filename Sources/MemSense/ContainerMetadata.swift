/// What a container runtime's own files on the node say about one container: its pod and its
/// name in the pod. Any field may be absent (a plain Docker container has no pod).
public struct ContainerMetadata: Sendable, Equatable {
    public enum Runtime: String, Sendable, Codable {
        case containerd
        case crio = "cri-o"
        case docker
    }

    public var runtime: Runtime
    public var podName: String?
    public var podNamespace: String?
    public var podUID: String?
    public var containerName: String?
    /// The pod's sandbox ("pause") container rather than one of its workloads.
    public var isSandbox: Bool

    public init(
        runtime: Runtime, podName: String? = nil, podNamespace: String? = nil, podUID: String? = nil,
        containerName: String? = nil, isSandbox: Bool = false
    ) {
        self.runtime = runtime
        self.podName = podName
        self.podNamespace = podNamespace
        self.podUID = podUID
        self.containerName = containerName
        self.isSandbox = isSandbox
    }

    /// Whether it names the container or its pod at all.
    var namesAnything: Bool {
        podName != nil || podNamespace != nil || podUID != nil || containerName != nil || isSandbox
    }
}
