import MemSense
import TestSupport
import Testing

/// Discovery on a kubepods-shaped tree built on the real kernel under this process's memory cgroup.
@Suite(.tags(.kernel), .enabled(if: KernelGate.shouldRun))
struct KubepodsDiscoveryKernelTests {
    @Test func discoveryResolvesTwoLivePodsAndTheirContainers() throws {
        let tree = try KubepodsTree(podLimitBytes: 64 << 20)
        defer { tree.destroy() }
        #expect(tree.waitUntilRunning())
        let source = DirectorySource()
        let root = try CgroupLocation.named(tree.group.directory, in: source)
        let found = ContainerDiscovery(
            source: source, runtime: RuntimeMetadata(source: source, root: tree.runtime.root)
        )
        .targets(under: root)
        #expect(found.map(\.kind) == [.pod, .container, .pod, .container])
        for pod in tree.pods {
            let podTarget = try #require(found.first { $0.kind == .pod && $0.podUID == pod.uid })
            #expect(podTarget.name == "\(pod.namespace)/\(pod.name)")
            #expect(podTarget.location?.path == root.path + "/kubepods/burstable/pod\(pod.uid)")
            #expect(podTarget.limitBytes == UInt64(pod.limitBytes))
            #expect((podTarget.usageBytes ?? 0) > 0)
            let container = try #require(found.first { $0.containerID == pod.containerID })
            #expect(container.podUID == pod.uid)
            #expect(container.containerName == pod.containerName)
            #expect(container.name == "\(pod.namespace)/\(pod.name)/\(pod.containerName)")
            // The container's own limit: none (the pod's bounds it, as kubelet's pod cgroup does).
            #expect(container.limitBytes == nil)
            #expect((container.usageBytes ?? 0) > 0)
            #expect(source.absolutePath(container.location?.directory ?? "") == pod.containerDirectory)
        }
    }

    @Test func eachContainerRunsAPIDNamespaceInitAndAWorker() throws {
        let tree = try KubepodsTree()
        defer { tree.destroy() }
        #expect(tree.waitUntilRunning())
        for pod in tree.pods {
            let namespacePIDs = try tree.group.processIDs(of: pod.containerDirectory).compactMap { pid in
                LiveFiles.statusValue("NSpid", in: try LiveFiles.text("proc/\(pid)/status"))
            }
            // unshare stays in ours; the init is 1 and its worker 2 in the new namespace.
            #expect(
                namespacePIDs.map { $0.split(whereSeparator: { $0 == "\t" || $0 == " " }).count }.sorted() == [1, 2, 2])
            #expect(
                namespacePIDs.compactMap { $0.split(whereSeparator: { $0 == "\t" || $0 == " " }).last }.contains("1"))
        }
    }
}
