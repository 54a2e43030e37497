import Glibc
import LinuxSys

/// A kubepods-shaped tree on the real kernel, for discovery and pod-kill tests: two pods in the
/// v1 cgroupfs-driver layout under a `TestCgroup` (so under this process's own memory cgroup),
///
///     <test group>/kubepods/burstable/pod<uid>/<64-hex container id>
///
/// each pod a limited group whose container runs a PID-namespace init (`unshare --pid --fork`,
/// as a container runtime starts one) with one worker, and a runtime root holding containerd
/// bundles (`run/containerd/io.containerd.runtime.v2.task/k8s.io/<id>/config.json`) that name
/// them. `destroy()` kills every task and removes the groups; the runtime root goes with the value.
public final class KubepodsTree {
    public struct Pod: Sendable, Equatable {
        public let uid: String
        public let name: String
        public let namespace: String
        public let containerID: String
        public let containerName: String
        /// The pod's group, absolute.
        public let directory: String
        /// The container's group, absolute.
        public let containerDirectory: String
        public let limitBytes: Int
    }

    /// The unshare(1) this rig starts each container's init with.
    public static let unsharePath = "/usr/bin/unshare"

    public let group: TestCgroup
    public let runtime: TemporaryTree
    public let pods: [Pod]
    /// The `unshare` process of each pod's container, in the order of `pods`.
    public let containers: [ChildProcess]

    /// Builds the tree with pods `shop/web-0` (container `nginx`) and `batch/job-1` (container
    /// `worker`), each limited to `podLimitBytes`. A pod's worker is `sleep 600`, or the argv of
    /// `workers` at its index (0 or 1); the init then stays (as `sleep`) after that worker ends.
    public init(podLimitBytes: Int = 64 << 20, workers: [Int: [String]] = [:]) throws(TestRigError) {
        guard access(Self.unsharePath, X_OK) == 0 else { throw .refused("\(Self.unsharePath) is not there") }
        group = try TestCgroup(limitBytes: 4 * podLimitBytes)
        do {
            runtime = try TemporaryTree()
            var pods: [Pod] = []
            var containers: [ChildProcess] = []
            for (index, (namespace, name, containerName)) in [
                ("shop", "web-0", "nginx"), ("batch", "job-1", "worker"),
            ].enumerated() {
                let uid = "0000fa57-00d0-4000-8000-\(String(repeating: "0", count: 11))\(index + 1)"
                let containerID = String(repeating: "\(index + 1)f", count: 32)
                let podPath = "kubepods/burstable/pod\(uid)"
                let directory = try group.makeSubgroup(podPath, limitBytes: podLimitBytes)
                let containerDirectory = try group.makeSubgroup(podPath + "/" + containerID)
                try runtime.write(
                    "run/containerd/io.containerd.runtime.v2.task/k8s.io/\(containerID)/config.json",
                    Self.bundle(pod: name, namespace: namespace, uid: uid, container: containerName))
                let initArgv =
                    workers[index].map { ["/bin/sh", "-c", #""$@" & wait; exec sleep 600"#, "sh"] + $0 }
                    ?? ["/bin/sh", "-c", "sleep 600 & wait"]
                containers.append(
                    try group.spawn(
                        [Self.unsharePath, "--pid", "--fork"] + initArgv, inSubgroup: podPath + "/" + containerID))
                pods.append(
                    Pod(
                        uid: uid, name: name, namespace: namespace, containerID: containerID,
                        containerName: containerName, directory: directory, containerDirectory: containerDirectory,
                        limitBytes: podLimitBytes))
            }
            self.pods = pods
            self.containers = containers
        } catch {
            group.destroy()
            throw error
        }
    }

    /// Kills every task of the tree and removes its groups.
    public func destroy() {
        group.destroy()
    }

    /// Waits up to `timeoutMs` until each container group holds its init and worker (unshare,
    /// the namespace's `sh` and its `sleep`: three tasks); false if one does not.
    public func waitUntilRunning(timeoutMs: Int64 = 10_000) -> Bool {
        let deadlineMs = MonotonicClock.nowMs() + timeoutMs
        while MonotonicClock.nowMs() < deadlineMs {
            let counts = pods.map { (try? group.processIDs(of: $0.containerDirectory).count) ?? 0 }
            if counts.allSatisfy({ $0 >= 3 }) { return true }
            usleep(10_000)
        }
        return false
    }

    /// containerd's OCI bundle config.json with the CRI plugin's annotations.
    public static func bundle(pod: String, namespace: String, uid: String, container: String) -> String {
        """
        {"ociVersion": "1.1.0", "annotations": {"io.kubernetes.cri.container-type": "container", \
        "io.kubernetes.cri.sandbox-name": "\(pod)", "io.kubernetes.cri.sandbox-namespace": "\(namespace)", \
        "io.kubernetes.cri.sandbox-uid": "\(uid)", "io.kubernetes.cri.container-name": "\(container)"}}
        """
    }
}
