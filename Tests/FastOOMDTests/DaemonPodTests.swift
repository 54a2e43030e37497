import KillPolicy
import MemSense
import TestSupport
import Testing

@testable import fastoomd

/// The daemon watching a pod found by discovery: the recorded cgroup laid out as a kubepods pod
/// (`/kubepods/burstable/pod<uid>`, v1 cgroupfs driver) whose container `worker` is named by a
/// containerd bundle, the hog and the service in that container.
@Suite struct DaemonPodTests {
    typealias Rig = DaemonTestRig<RecordingProcessControl>
    static let podPath = "/kubepods/burstable/pod0000fa57-00d0-4000-8000-000000000001"
    static let containerID = String(repeating: "1f", count: 32)
    static var containerPath: String { podPath + "/" + containerID }

    static func rig(pods: String, files: [String: String] = [:]) throws -> Rig {
        let bundle = KubepodsTree.bundle(
            pod: "job-1", namespace: "batch", uid: "0000fa57-00d0-4000-8000-000000000001", container: "worker")
        let configuration = try ShippedConfiguration.decoded(
            daemonSection: #"{"watch_node": false}"#, podsSection: pods)
        return try Rig(
            trace: "anon-ramp-fast-s1.jsonl.gz", control: { RecordingProcessControl(clock: $0) },
            configuration: configuration, cgroupPath: podPath, processSubgroup: "/" + containerID,
            files: files.merging([
                "sys/fs/cgroup/memory\(containerPath)/cgroup.procs": "100\n200\n",
                "runtime/run/containerd/io.containerd.runtime.v2.task/k8s.io/\(containerID)/config.json": bundle,
            ]) { _, rig in rig },
            runtimeRoot: "runtime", watchesGroup: false)
    }

    @Test func podTargetKillsWithItsRulesProtectAndGranularityAndNamesThePod() throws {
        // The rule protects the hog, so the service is the victim; the rule kills whole
        // containers, but this one holds the protected hog, so the service dies alone.
        let rig = try Self.rig(
            pods: #"""
                {"rules": [{"name": "jobs", "namespace": "batch", "pod_name_regex": "^job-", "preset": "high",
                  "thresholds": {"near_oom_probability": 0.6}, "granularity": "container",
                  "protect": [{"comm": "hog"}]}], "default": {"name": "others", "preset": "low"}}
                """#)
        let target = try #require(rig.daemon.targets.first)
        #expect(rig.daemon.targets.map(\.name) == [Self.podPath])
        #expect(target.rule?.name == "jobs")
        #expect(target.preset == .high)
        #expect(target.predictor.thresholds.nearOOMProbability == 0.6)
        #expect(target.predictor.thresholds.criticalProbability == 0.90)
        rig.run { rig in rig.recorded.contains { $0.kind == .kill } }
        let kill = try #require(rig.recorded.first { $0.kind == .kill })
        #expect(kill.tMs < (rig.kernelKillMs ?? 0))
        #expect(kill.target == Self.podPath)
        #expect(kill.targetCgroup == Self.podPath)
        #expect(kill.targetPod == "job-1")
        #expect(kill.targetNamespace == "batch")
        #expect(kill.targetContainer == nil)
        let victim = try #require(kill.victim)
        #expect(victim.pid == Rig.service.pid)
        #expect(victim.cgroup == Self.containerPath)
        #expect(victim.pod == "job-1")
        #expect(victim.namespace == "batch")
        #expect(victim.container == "worker")
        #expect(kill.candidates?.map(\.pid) == [Rig.service.pid])
        #expect(kill.message?.hasPrefix("cgroup \(Self.containerPath) holds 200 (hog, protect: ") == true)
        #expect(rig.daemon.control.signals(receivedBy: Rig.service) == [.kill])
        #expect(rig.daemon.control.signals(receivedBy: Rig.hog).isEmpty)
        let line = EventRendering.line(kill)
        #expect(line.contains("target=\(Self.podPath) pod=batch/job-1 "))
        #expect(line.contains("victim_pod=batch/job-1/worker victim_cgroup=\(Self.containerPath)"))
        let steps = rig.recorded.filter { $0.kind == .stateChanged }
        #expect(!steps.isEmpty && steps.allSatisfy { $0.targetPod == "job-1" && $0.targetNamespace == "batch" })
    }

    @Test func podUnderTheDefaultRuleTakesItsPresetAndKillsTheWholeContainer() throws {
        let rig = try Self.rig(
            pods:
                #"{"rules": [{"name": "web", "namespace": "shop"}], "default": {"name": "others", "preset": "low", "granularity": "container"}}"#
        )
        let target = try #require(rig.daemon.targets.first)
        #expect(target.rule?.name == "others")
        #expect(target.preset == .low)
        #expect(target.predictor.thresholds == .low)
        rig.run { rig in rig.recorded.contains { $0.kind == .kill } }
        let kill = try #require(rig.recorded.first { $0.kind == .kill })
        #expect(kill.victim?.pid == Rig.hog.pid)
        #expect(kill.victim?.container == "worker")
        #expect(rig.daemon.control.actions.contains(.signalCgroup(.kill, Self.containerPath)))
        #expect(kill.message == "cgroup \(Self.containerPath)")
    }

    @Test func withoutAPodsSectionNoPodIsWatched() throws {
        let rig = try Rig(
            trace: "anon-ramp-fast-s1.jsonl.gz", control: { RecordingProcessControl(clock: $0) },
            configuration: try ShippedConfiguration.decoded(daemonSection: #"{"watch_node": true}"#),
            cgroupPath: Self.podPath, watchesGroup: false)
        #expect(rig.daemon.targets.map(\.name) == ["node"])
    }

    @Test func killEventLineNamesTargetAndVictimPlacesInSnakeCase() throws {
        let rig = try Self.rig(pods: #"{"default": {"name": "others"}}"#)
        rig.run { rig in rig.recorded.contains { $0.kind == .kill } }
        let kill = try #require(rig.recorded.first { $0.kind == .kill })
        let line = JSONLines.line(kill)
        #expect(line.contains(#""target_cgroup":"\#(Self.podPath)","target_namespace":"batch","target_pod":"job-1""#))
        #expect(line.contains(#""cgroup":"\#(Self.containerPath)","cmdline":"#))
        #expect(line.contains(#""comm":"hog","container":"worker","freeable_bytes":"#))
        #expect(line.contains(#""namespace":"batch","oom_score":"#))
        #expect(line.contains(#","pod":"job-1","rss_bytes":"#))
        #expect(!line.contains("target_container"))
    }

    @Test func podWhoseCgroupIsGoneIsDroppedWithoutAnError() throws {
        // A second pod whose group lists a container but whose memory files are gone.
        let gone = "sys/fs/cgroup/memory/kubepods/burstable/pod0000fa57-00d0-4000-8000-000000000002"
        let rig = try Self.rig(
            pods: #"{"default": {"name": "others"}}"#,
            files: [gone + "/" + String(repeating: "2f", count: 32) + "/cgroup.procs": ""])
        #expect(rig.daemon.targets.count == 2)
        let generation = rig.daemon.targetsGeneration
        rig.daemon.tick(at: rig.trace.samples[0].tMs)
        #expect(rig.daemon.targets.map(\.name) == [Self.podPath])
        #expect(rig.daemon.targetsGeneration == generation + 1)
        rig.run()
        #expect(!rig.recorded.contains { $0.kind == .error })
    }
}
