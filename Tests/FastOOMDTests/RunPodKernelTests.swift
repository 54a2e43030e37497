import Glibc
import LinuxSys
import MemSense
import TestSupport
import Testing

@testable import fastoomd

/// `fastoomd run` with a `pods` section against the real kernel: the kubepods-shaped tree of
/// `KubepodsTree` under this shell's memory cgroup, two pods of 192 MiB, each container a
/// PID-namespace init with a worker; the worker of `batch/job-1` grows by 8 MiB every 100 ms
/// once told to.
@Suite(.tags(.kernel), .enabled(if: KernelGate.shouldRun))
struct RunPodKernelTests {
    private static let podLimitBytes = 192 << 20

    /// A container's processes by namespace pid (`1` the init, `2` the worker): host pid.
    private func namespacePIDs(of directory: String, in tree: KubepodsTree) throws -> [String: Int32] {
        var found: [String: Int32] = [:]
        for pid in try tree.group.processIDs(of: directory) {
            let status = try LiveFiles.text("proc/\(pid)/status")
            let ids = LiveFiles.statusValue("NSpid", in: status)?.split(whereSeparator: { $0 == "\t" || $0 == " " })
            if let ids, ids.count == 2, let inner = ids.last { found[String(inner)] = pid }
        }
        return found
    }

    @Test func killsTheGrowingWorkerOfOnePodNeverItsInitNorTheOtherPod() throws {
        try withTemporaryDirectory { directory in
            let goPath = directory + "/go"
            let hog = MemoryHog(megabytes: 1024, stepMegabytes: 8, stepIntervalMs: 100)
            let waitThenGrow = [
                "/bin/sh", "-c", #"while [ ! -e "$0" ]; do sleep 0.05; done; shift; exec "$@""#, goPath, "grow",
            ]
            let tree = try KubepodsTree(podLimitBytes: Self.podLimitBytes, workers: [1: waitThenGrow + hog.argv])
            defer { tree.destroy() }
            #expect(tree.waitUntilRunning())
            let (web, job) = (tree.pods[0], tree.pods[1])
            let jobProcesses = try namespacePIDs(of: job.containerDirectory, in: tree)
            let webBefore = try tree.group.processIDs(of: web.containerDirectory).sorted()
            let jobInit = try #require(jobProcesses["1"])
            let jobWorker = try #require(jobProcesses["2"])

            let configPath = directory + "/policy.json"
            let pods = #"""
                {"cgroup_root": "\#(tree.group.directory)",
                 "rules": [{"name": "jobs", "namespace": "batch", "pod_name_regex": "^job-", "preset": "high"}],
                 "default": {"name": "others"}}
                """#
            let text = try ShippedConfiguration.text(daemonSection: #"{"watch_node": false}"#, podsSection: pods)
            let daemon = try DaemonUnderTest(
                configuration: text, configPath: configPath,
                arguments: ["--log", directory + "/events.jsonl", "--runtime-root", tree.runtime.root])
            let started = try #require(try daemon.next(timeoutMs: 10_000))
            #expect(started.kind == .started)
            let webPath = try CgroupLocation.named(web.directory, in: DirectorySource()).path
            let jobPath = try CgroupLocation.named(job.directory, in: DirectorySource()).path
            #expect(started.message?.hasPrefix("watching \(webPath), \(jobPath)") == true)

            let go = try PlainFile(creating: goPath)
            try go.close()
            while let event = try daemon.next(timeoutMs: 30_000), event.kind != .kill {}
            let killEvent = try #require(daemon.events.first { $0.kind == .kill })
            #expect(killEvent.victim?.pid == jobWorker)
            #expect(killEvent.victim?.comm.hasPrefix("python") == true)
            #expect(killEvent.target == jobPath)
            #expect(killEvent.targetCgroup == jobPath)
            #expect(killEvent.targetPod == "job-1")
            #expect(killEvent.targetNamespace == "batch")
            #expect(killEvent.victim?.pod == "job-1")
            #expect(killEvent.victim?.namespace == "batch")
            #expect(killEvent.victim?.container == "worker")
            #expect(killEvent.candidates?.contains { $0.pid == jobInit } == false)
            usleep(500_000)
            try send(signal: .terminate, to: daemon.process.pid)
            while let event = try daemon.next(timeoutMs: 5000), event.kind != .stopped {}
            #expect(daemon.process.reap(timeoutMs: 5000) == .exited(code: 0))

            // One kill, of the worker: the init lives on, the other pod is untouched.
            #expect(daemon.events.filter { $0.kind == .kill }.count == 1)
            #expect(kill(jobInit, 0) == 0)
            #expect(kill(jobWorker, 0) != 0)
            #expect(try tree.group.processIDs(of: web.containerDirectory).sorted() == webBefore)
            #expect(!daemon.events.contains { $0.kind == .kill && $0.targetPod == web.name })
            // Before the kernel: no OOM kill in the pod.
            let oomControl = try LiveFiles.text(String(job.directory.dropFirst()) + "/memory.oom_control")
            #expect(oomControl.split(separator: "\n").contains("oom_kill 0"))
        }
    }
}
