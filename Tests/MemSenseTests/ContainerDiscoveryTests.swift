import MemSense
import TestSupport
import Testing

/// Discovery on the fixture trees of Tests/Fixtures/containers, one per cgroup layout.
@Suite struct ContainerDiscoveryTests {
    /// The targets of a layout, found from its own mountinfo as the `targets` command does.
    static func targets(_ layout: String) throws -> [DiscoveredTarget] {
        let root = FixturePaths.containerLayout(layout)
        let source = DirectorySource(root: root)
        let hierarchy = try #require(try ContainerDiscovery.memoryHierarchyRoot(in: source))
        let runtime = RuntimeMetadata(source: source, root: root + "/runtime")
        return ContainerDiscovery(source: source, runtime: runtime).targets(under: hierarchy)
    }

    @Test func v1CgroupfsDriverWithDockerResolvesThePodFromDockerLabels() throws {
        let found = try Self.targets("v1-cgroupfs")
        let uid = "74c13223-5a00-11e9-b385-42010a80018d"
        let id = "34dc0b5e626f2c5c4c5170e34b10e7654ce36f0fcd532739f4445baabea03376"
        #expect(found.map(\.kind) == [.pod, .container, .container])
        let pod = found[0]
        #expect(pod.location?.path == "/kubepods/besteffort/pod\(uid)")
        #expect(pod.location?.directory == "sys/fs/cgroup/memory/kubepods/besteffort/pod\(uid)")
        #expect(pod.location?.version == .v1)
        #expect(pod.podUID == uid)
        #expect(pod.name == "kube-system/fluentd-gcp-v3.2.0-d4gl7")
        #expect(pod.usageBytes == 52_000_000)
        #expect(pod.limitBytes == nil)
        let container = try #require(found.first { $0.containerID == id })
        #expect(container.location?.path == "/kubepods/besteffort/pod\(uid)/\(id)")
        #expect(container.podUID == uid)
        #expect(container.podName == "fluentd-gcp-v3.2.0-d4gl7")
        #expect(container.podNamespace == "kube-system")
        #expect(container.containerName == "fluentd-gcp")
        #expect(container.usageBytes == 50_000_000)
        let sandbox = try #require(found.first { $0.kind == .container && $0.containerID != id })
        #expect(sandbox.containerName == nil)
        #expect(sandbox.podName == "fluentd-gcp-v3.2.0-d4gl7")
    }

    @Test func v1SystemdDriverNormalisesThePodUIDAndReadsTheRealLimit() throws {
        let found = try Self.targets("v1-systemd")
        let id = "1d3d308a7d48a27814a68bf33a44acf4441c9c02463ca0bc1cdfdc8c0b4a8496"
        #expect(found.map(\.kind) == [.pod, .container])
        #expect(found[0].podUID == "7a96c459-d529-44ae-9f99-90d3798d6426")
        #expect(found[0].name == "kube-system/elastic-agent-8x7kq")
        let container = found[1]
        #expect(
            container.location?.path
                == "/kubepods.slice/kubepods-burstable.slice/kubepods-burstable-pod7a96c459_d529_44ae_9f99_90d3798d6426.slice/cri-containerd-\(id).scope"
        )
        #expect(container.containerID == id)
        #expect(container.containerName == "elastic-agent")
        #expect(container.podUID == "7a96c459-d529-44ae-9f99-90d3798d6426")
        #expect(container.name == "kube-system/elastic-agent-8x7kq/elastic-agent")
        #expect(container.usageBytes == 1_215_860_736)
        #expect(container.limitBytes == 2_147_483_648)
    }

    @Test func v2ContainerdFindsBurstableAndGuaranteedPods() throws {
        let found = try Self.targets("v2-containerd")
        #expect(found.filter { $0.kind == .pod }.map(\.name) == ["shop/web-7d4b9c-x2x9q", "shop/db-0"])
        let db = try #require(found.first { $0.kind == .pod && $0.podName == "db-0" })
        #expect(db.podUID == "7bdc25d1-694e-f984-782a-16f6f1710c1c")
        #expect(db.location?.path == "/kubepods.slice/kubepods-pod7bdc25d1_694e_f984_782a_16f6f1710c1c.slice")
        #expect(db.location?.version == .v2)
        #expect(db.limitBytes == 1_073_741_824)
        let nginx = try #require(found.first { $0.containerName == "nginx" })
        #expect(nginx.containerID == "c842e7e9efb61e3cc052505d39c50d0e0ae82d6b04405ac03322df3549cdf6e0")
        #expect(nginx.podUID == "4b5e57f6-eb2f-42b9-039b-3d1e13929295")
        #expect(nginx.podNamespace == "shop")
        #expect(nginx.limitBytes == 536_870_912)
        #expect(nginx.usageBytes == 299_000_000)
        let postgres = try #require(found.first { $0.containerName == "postgres" })
        #expect(postgres.name == "shop/db-0/postgres")
        #expect(!found.contains { $0.location?.path.hasPrefix("/system.slice") == true })
        #expect(found.count == 5)
    }

    @Test func v2CrioSkipsConmonAndResolvesFromCrioAnnotations() throws {
        let found = try Self.targets("v2-crio")
        let worker = "9a8b22e06613eece8fdc71def3bc72e46fbd7d3e87eb07121fc71a6d9b2211d8"
        #expect(found.map(\.kind) == [.pod, .container, .container])
        #expect(found[0].name == "batch/report-28391-abcde")
        #expect(found[0].podUID == "5e8c9902-207a-faeb-7120-430c585a445f")
        let container = try #require(found.first { $0.containerID == worker })
        #expect(container.containerName == "worker")
        #expect(container.name == "batch/report-28391-abcde/worker")
        #expect(container.location?.path.hasSuffix("/crio-\(worker).scope") == true)
        #expect(container.usageBytes == 175_000_000)
        #expect(!found.contains { $0.location?.path.contains("conmon") == true })
    }

    @Test func dockerResolvesKubeletLabelsAndNamesPlainContainers() throws {
        let found = try Self.targets("docker")
        let app = try #require(found.first { $0.containerName == "app" })
        #expect(app.podName == "api-5f6d8")
        #expect(app.podNamespace == "default")
        #expect(app.podUID == "14c2529e-b449-8c5d-1ffd-6915d05bf58a")
        #expect(app.containerID == "f7894a9e71c94e12fd41907644882fa3a6b06a32896a34d387f7164185ece008")
        let plainID = "358766b0efff77d222f22928ada79f34b63efb1480585ba2e78ded6ac1485651"
        let plain = try #require(found.first { $0.containerID == plainID })
        #expect(plain.location?.path == "/system.slice/docker-\(plainID).scope")
        #expect(plain.podUID == nil)
        #expect(plain.containerName == "web")
        #expect(plain.name == "web")
        #expect(plain.limitBytes == 268_435_456)
    }

    @Test func containerWithoutRuntimeMetadataIsNamedByItsID() {
        let id = String(repeating: "ab", count: 32)
        let source = InMemoryFileSource([
            "sys/fs/cgroup/kubepods/pod12345678-1234-1234-1234-123456789abc/\(id)/memory.current": "7\n",
            "sys/fs/cgroup/kubepods/pod12345678-1234-1234-1234-123456789abc/\(id)/memory.max": "max\n",
            "sys/fs/cgroup/odd/layout/\(id)/memory.current": "1\n",
        ])
        let root = CgroupLocation(version: .v2, path: "/", directory: "sys/fs/cgroup")
        let found = ContainerDiscovery(source: source, runtime: RuntimeMetadata(source: source, root: "/nowhere"))
            .targets(under: root)
        #expect(
            found.map(\.name) == ["pod 12345678-1234-1234-1234-123456789abc", "container \(id)", "container \(id)"])
        #expect(found[1].usageBytes == 7)
        #expect(found[1].limitBytes == nil)
        #expect(found[2].location?.path == "/odd/layout/\(id)")
        #expect(found[2].usageBytes == nil)
    }

    @Test(arguments: ["", "{", "not json", "[1, 2]", #"{"annotations": 5}"#, #"{"annotations": {"a": 1}}"#])
    func garbageRuntimeFilesDegradeToTheContainerID(text: String) {
        let id = String(repeating: "c", count: 64)
        let source = InMemoryFileSource([
            "sys/fs/cgroup/kubepods.slice/crio-\(id).scope/memory.current": "1\n",
            "/rt/run/containers/storage/overlay-containers/\(id)/userdata/config.json": text,
            "/rt/run/containerd/io.containerd.runtime.v2.task/k8s.io/\(id)/config.json": text,
            "/rt/var/lib/docker/containers/\(id)/config.v2.json": text,
        ])
        let runtime = RuntimeMetadata(source: source, root: "/rt/")
        #expect(runtime.metadata(ofContainer: id) == nil)
        let root = CgroupLocation(version: .v2, path: "/", directory: "sys/fs/cgroup")
        let found = ContainerDiscovery(source: source, runtime: runtime).targets(under: root)
        #expect(found.map(\.name) == ["container \(id)"])
    }

    @Test func unreadableRuntimeFileFallsThroughToTheNextRuntime() {
        let id = String(repeating: "d", count: 64)
        let source = InMemoryFileSource([
            "/run/containerd/io.containerd.runtime.v2.task/k8s.io/\(id)/config.json": "{}",
            "/var/lib/docker/containers/\(id)/config.v2.json": #"{"Name": "/db", "Config": {"Labels": null}}"#,
        ])
        source.fail(
            "/run/containerd/io.containerd.runtime.v2.task/k8s.io/\(id)/config.json", as: ReadError.permissionDenied)
        #expect(
            RuntimeMetadata(source: source).metadata(ofContainer: id)
                == ContainerMetadata(runtime: .docker, containerName: "db"))
    }

    @Test func deepTreeIsWalkedOnlyToTheDepthBound() {
        let id = String(repeating: "e", count: 64)
        let deep = (1...40).map { "d\($0)" }.joined(separator: "/")
        let shallow = (1...5).map { "s\($0)" }.joined(separator: "/")
        let source = InMemoryFileSource([
            "sys/fs/cgroup/\(deep)/\(id)/memory.current": "1\n",
            "sys/fs/cgroup/\(shallow)/\(id)/memory.current": "2\n",
        ])
        let root = CgroupLocation(version: .v2, path: "/", directory: "sys/fs/cgroup")
        let found = ContainerDiscovery(source: source, runtime: RuntimeMetadata(source: source)).targets(under: root)
        #expect(found.map(\.location?.path) == ["/\(shallow)/\(id)"])
        #expect(source.accessCounts.keys.filter { $0.hasPrefix("sys/fs/cgroup/d1") }.count < 20)
    }

    @Test func loopingTreeEndsWithinTheBounds() throws {
        let tree = try TemporaryTree()
        try tree.makeDirectories("sys/fs/cgroup/a")
        try tree.symlink("sys/fs/cgroup/a/loop", to: tree.root + "/sys/fs/cgroup")
        let source = DirectorySource(root: tree.root)
        let root = CgroupLocation(version: .v2, path: "/", directory: "sys/fs/cgroup")
        let found = ContainerDiscovery(source: source, runtime: RuntimeMetadata(source: source)).targets(under: root)
        #expect(found.isEmpty)
    }

    static let hex64a = String(repeating: "a", count: 64)
    static let names: [(String, CgroupDirectoryName)] = [
        ("pod74c13223-5a00-11e9-b385-42010a80018d", .pod(uid: "74c13223-5a00-11e9-b385-42010a80018d")),
        ("pod7f8667b0aa2fc59394329cc63d147fc3", .pod(uid: "7f8667b0aa2fc59394329cc63d147fc3")),
        (
            "kubepods-besteffort-pod74c13223_5a00_11e9_b385_42010a80018d.slice",
            .pod(uid: "74c13223-5a00-11e9-b385-42010a80018d")
        ),
        ("kubepods-pod74c13223_5a00_11e9_b385_42010a80018d.slice", .pod(uid: "74c13223-5a00-11e9-b385-42010a80018d")),
        ("cri-containerd-\(hex64a).scope", .container(id: hex64a)),
        ("crio-\(hex64a).scope", .container(id: hex64a)),
        ("crio-\(hex64a)", .container(id: hex64a)),
        ("docker-\(hex64a).scope", .container(id: hex64a)),
        ("containerd-\(hex64a).scope", .container(id: hex64a)),
        (hex64a, .container(id: hex64a)),
        ("crio-conmon-\(hex64a).scope", .plain),
        ("kubepods-burstable.slice", .plain),
        ("podnotauid", .plain),
        ("pod74c13223-5a00-11e9-b385-42010a80018dx", .plain),
        ("pod74c13223x5a00-11e9-b385-42010a80018d", .plain),
        (hex64a.uppercased(), .plain),
        (String(hex64a.dropLast()), .plain),
        ("system.slice", .plain),
    ]

    @Test(arguments: names)
    func directoryNamesAreClassifiedByTheirPatterns(name: String, expected: CgroupDirectoryName) {
        #expect(CgroupDirectoryName(name) == expected)
    }
}
