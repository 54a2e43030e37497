/// Finds a container's pod and names in the files its runtime keeps on the node, under a root
/// (`/` live, a fixture folder in tests):
///
///     containerd  run/containerd/io.containerd.runtime.v2.task/k8s.io/<id>/config.json   OCI bundle,
///                 annotations io.kubernetes.cri.sandbox-name / sandbox-namespace / container-name
///     CRI-O       run/containers/storage/overlay-containers/<id>/userdata/config.json    OCI bundle,
///                 annotations io.kubernetes.pod.name / pod.namespace / container.name
///     Docker      var/lib/docker/containers/<id>/config.v2.json                           Config.Labels,
///                 the same io.kubernetes.* keys (dockershim), else the container's own Name
///
/// A file that is absent, unreadable, not the JSON expected or naming nothing gives nil: the container is then
/// shown by its ID, and discovery goes on.
public final class RuntimeMetadata {
    /// The root the runtime paths are under, without a trailing slash (`""` for `/`).
    public let root: String
    private let source: any FileSource
    private var buffer = ReadBuffer(capacity: 16384)

    public init(source: any FileSource, root: String = "/") {
        self.source = source
        var trimmed = root
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        self.root = trimmed
    }

    /// The metadata of container `id` (64 hex digits) from the first runtime that knows it.
    public func metadata(ofContainer id: String) -> ContainerMetadata? {
        let candidates: [(String, (UnsafeBufferPointer<UInt8>) -> ContainerMetadata?)] = [
            (
                "/run/containerd/io.containerd.runtime.v2.task/k8s.io/\(id)/config.json",
                Self.ociBundle(runtime: .containerd)
            ),
            ("/run/containers/storage/overlay-containers/\(id)/userdata/config.json", Self.ociBundle(runtime: .crio)),
            ("/var/lib/docker/containers/\(id)/config.v2.json", Self.dockerConfig(parsing:)),
        ]
        for (path, parser) in candidates {
            guard (try? source.read(root + path, into: &buffer)) != nil else { continue }
            // A file that names nothing (`{}`, another program's JSON) is no better than none.
            if let found = buffer.withBytes(parser), found.namesAnything { return found }
        }
        return nil
    }

    /// An OCI runtime bundle's config.json: `{"ociVersion": "1.0.2", ..., "annotations": {...}}`.
    static func ociBundle(runtime: ContainerMetadata.Runtime) -> (UnsafeBufferPointer<UInt8>) -> ContainerMetadata? {
        { bytes in
            guard let config = try? JSON.decode(OCIConfig.self, from: bytes) else { return nil }
            return metadata(runtime: runtime, keys: config.annotations ?? [:])
        }
    }

    /// Docker's config.v2.json: `{"ID": "...", "Name": "/web", "Config": {"Labels": {...}}, ...}`.
    static func dockerConfig(parsing bytes: UnsafeBufferPointer<UInt8>) -> ContainerMetadata? {
        guard let config = try? JSON.decode(DockerConfig.self, from: bytes) else { return nil }
        var found = metadata(runtime: .docker, keys: config.config?.labels ?? [:])
        if found.containerName == nil, let name = config.name, !found.isSandbox {
            found.containerName = name.hasPrefix("/") ? String(name.dropFirst()) : name
        }
        return found
    }

    /// containerd's CRI plugin writes `io.kubernetes.cri.*`; CRI-O and dockershim write the
    /// kubelet's own `io.kubernetes.pod.*` and `io.kubernetes.container.name`.
    static func metadata(runtime: ContainerMetadata.Runtime, keys: [String: String]) -> ContainerMetadata {
        let type =
            keys["io.kubernetes.cri.container-type"] ?? keys["io.kubernetes.cri-o.ContainerType"]
            ?? keys["io.kubernetes.docker.type"]
        return ContainerMetadata(
            runtime: runtime,
            podName: keys["io.kubernetes.cri.sandbox-name"] ?? keys["io.kubernetes.pod.name"],
            podNamespace: keys["io.kubernetes.cri.sandbox-namespace"] ?? keys["io.kubernetes.pod.namespace"],
            podUID: keys["io.kubernetes.cri.sandbox-uid"] ?? keys["io.kubernetes.pod.uid"],
            containerName: keys["io.kubernetes.cri.container-name"] ?? keys["io.kubernetes.container.name"],
            isSandbox: type == "sandbox" || type == "podsandbox")
    }

    private struct OCIConfig: Decodable {
        var annotations: [String: String]?
    }

    private struct DockerConfig: Decodable {
        struct Config: Decodable {
            var labels: [String: String]?
            enum CodingKeys: String, CodingKey { case labels = "Labels" }
        }
        var name: String?
        var config: Config?
        enum CodingKeys: String, CodingKey {
            case name = "Name"
            case config = "Config"
        }
    }
}
