import KillPolicy
import MemSense
import TestSupport
import Testing

@testable import fastoomd

@Suite struct DaemonTests {
    @Test func killsTheHogWithReasonsBeforeTheKernelDoes() throws {
        let rig = try DaemonTestRig(trace: "anon-ramp-fast-s1.jsonl.gz") { RecordingProcessControl(clock: $0) }
        rig.run { rig in rig.recorded.contains { $0.kind == .kill } }
        let kernelKillMs = try #require(rig.kernelKillMs)
        let kill = try #require(rig.recorded.first { $0.kind == .kill })
        #expect(kill.tMs < kernelKillMs)
        #expect(kill.target == "/replay")
        #expect(kill.dryRun == false)
        #expect(kill.signal == "SIGKILL")
        #expect(kill.exitMs == 0)
        let trigger = try #require(kill.trigger)
        #expect(["near_oom", "critical"].contains(trigger.state))
        #expect(trigger.probability >= 0.65)
        #expect(!trigger.reasons.isEmpty)
        #expect(trigger.totalBytes == 512 << 20)
        let victim = try #require(kill.victim)
        #expect(victim.pid == DaemonTestRig<RecordingProcessControl>.hog.pid)
        #expect(victim.comm == "hog")
        #expect(victim.cmdline == ["/usr/bin/hog", "--serve"])
        #expect(victim.cgroup == "/replay")
        #expect(victim.uid == 1000)
        #expect(victim.freeableBytes == DaemonTestRig<RecordingProcessControl>.hogRSSBytes)
        #expect(victim.oomScore == 400)
        // The candidates are the group's own processes: sshd lives outside it.
        #expect(kill.candidates?.map(\.pid) == [200, 100])
        let control = rig.daemon.control
        #expect(control.signals(receivedBy: DaemonTestRig<RecordingProcessControl>.hog) == [.kill])
        #expect(control.signals(receivedBy: DaemonTestRig<RecordingProcessControl>.service).isEmpty)
        // The state went up step by step before the kill, each step logged with its trigger.
        let steps = rig.recorded.filter { $0.kind == .stateChanged && $0.target == "/replay" }
        #expect(steps.first?.trigger?.previousState == "ok")
        #expect(steps.allSatisfy { $0.tMs <= kill.tMs })
    }

    @Test func dryRunLogsOneWouldKillPerVictimAndSignalsNothing() throws {
        let rig = try DaemonTestRig(
            trace: "anon-ramp-fast-s1.jsonl.gz", control: { _ in DryRunProcessControl() },
            isDryRun: true)
        rig.run()
        #expect(!rig.recorded.contains { $0.kind == .kill })
        let wouldKill = rig.recorded.filter { $0.kind == .wouldKill }
        #expect(wouldKill.count == 1)
        let event = try #require(wouldKill.first)
        #expect(event.dryRun == true)
        #expect(event.victim?.comm == "hog")
        #expect(event.freedBytes == Int64(DaemonTestRig<DryRunProcessControl>.hogRSSBytes))
        #expect(event.tMs < (rig.kernelKillMs ?? 0))
        #expect(event.exitMs == nil)
        let hog = DaemonTestRig<DryRunProcessControl>.hog
        #expect(rig.daemon.control.actions.contains(.signal(.kill, hog)))
    }

    @Test func benignTraceKillsNothing() throws {
        let rig = try DaemonTestRig(trace: "burst-free-fast-s1.jsonl.gz") { RecordingProcessControl(clock: $0) }
        rig.run()
        #expect(rig.daemon.control.actions.isEmpty)
        #expect(!rig.recorded.contains { [.kill, .wouldKill, .killFailed, .error].contains($0.kind) })
    }

    @Test(arguments: [(0.0, 1000), (0.5, 81), (1.0, 20), (Double.nan, 20)] as [(Double, Int64)])
    func intervalShrinksAsTheProbabilityRises(probability: Double, intervalMs: Int64) {
        #expect(Daemon<DryRunProcessControl>.intervalMs(probability: probability, minMs: 20, maxMs: 1000) == intervalMs)
    }
}

@Suite struct DaemonReloadTests {
    private func write(_ text: String, to path: String) throws {
        let file = try PlainFile(creating: path)
        try Array(text.utf8).withUnsafeBufferPointer { try file.write($0) }
        try file.close()
    }

    @Test func brokenConfigurationIsRejectedWithEveryErrorAndTheOldOneStays() throws {
        let rig = try DaemonTestRig(trace: "anon-ramp-fast-s1.jsonl.gz") { RecordingProcessControl(clock: $0) }
        try withTemporaryDirectory { directory in
            let path = directory + "/config.json"
            try write(
                """
                {"predictor": {"preset": "extreme"},
                 "kill_policy": {"protect": [{"comm_regex": "("}], "avoid": [], "governor": {"max_kills": 0}},
                 "daemon": {"min_interval_ms": 0, "colour": "red", "targets": [{"preset": "high"}]}}
                """, to: path)
            #expect(!rig.daemon.reload(configPath: path))
            let event = try #require(rig.recorded.last)
            #expect(event.kind == .error)
            #expect(event.message == "configuration \(path) rejected; the previous one stays")
            let errors = event.errors ?? []
            for jsonPath in [
                "predictor.preset", "kill_policy.protect[0].comm_regex", "kill_policy.governor.max_kills",
                "daemon.min_interval_ms", "daemon.colour", "daemon.targets[0].cgroup",
            ] {
                #expect(errors.contains { $0.hasPrefix("\(path): \(jsonPath): ") }, "no error at \(jsonPath)")
            }
            #expect(errors.count == 6)
            #expect(rig.daemon.configuration.daemon.minIntervalMs == 20)
            #expect(rig.daemon.configuration.policy.protect.count == 14)
            #expect(rig.daemon.targets.map(\.name) == ["node", "/replay"])
        }
    }

    @Test func targetThatIsNotAMemoryCgroupIsRejectedWithItsPath() throws {
        let rig = try DaemonTestRig(trace: "anon-ramp-fast-s1.jsonl.gz") { RecordingProcessControl(clock: $0) }
        try withTemporaryDirectory { directory in
            let path = directory + "/config.json"
            try write(
                try ShippedConfiguration.text(
                    daemonSection: #"{"targets": [{"cgroup": "/sys/fs/cgroup/memory/nowhere"}]}"#), to: path)
            #expect(!rig.daemon.reload(configPath: path))
            let errors = try #require(rig.recorded.last?.errors)
            #expect(errors.count == 1)
            #expect(errors.first?.hasPrefix("\(path): daemon.targets[0].cgroup: ") == true)
            #expect(rig.daemon.targets.map(\.name) == ["node", "/replay"])
        }
    }

    @Test func goodConfigurationIsTakenAndUnchangedTargetsKeepTheirHistory() throws {
        let rig = try DaemonTestRig(trace: "anon-ramp-fast-s1.jsonl.gz") { RecordingProcessControl(clock: $0) }
        rig.run { rig in rig.clock.nowMs >= 8000 }
        let before = try #require(rig.daemon.targets.last?.predictor.features)
        try withTemporaryDirectory { directory in
            let path = directory + "/config.json"
            try write(
                try ShippedConfiguration.text(
                    daemonSection: #"{"max_interval_ms": 500, "watch_node": false}"#), to: path)
            #expect(rig.daemon.reload(configPath: path))
            let event = try #require(rig.recorded.last)
            #expect(event.kind == .configReloaded)
            #expect(event.message == "\(path); watching /replay")
            #expect(rig.daemon.configuration.daemon.maxIntervalMs == 500)
            #expect(rig.daemon.targets.map(\.name) == ["/replay"])
            #expect(rig.daemon.targets.first?.predictor.features == before)
            #expect(before.longFillPerSecond > 0)
        }
    }
}

@Suite struct ConfigurationSectionsTests {
    @Test func withoutAKillPolicySectionTheShippedPolicyApplies() throws {
        let configuration = try Configuration.decoding(Array(#"{"daemon": {"watch_node": false}}"#.utf8), path: "c")
        #expect(configuration.policy.protect.count == 14)
        #expect(configuration.killPolicy == Configuration().killPolicy)
        #expect(configuration.daemon.watchNode == false)
    }

    @Test func theDaemonSectionIsReadWithItsTargetsAndPresets() throws {
        let configuration = try Configuration.decoding(
            Array(
                #"{"daemon": {"targets": [{"cgroup": "/kubepods", "preset": "high"}], "min_interval_ms": 50, "psi_window_ms": 4000}}"#
                    .utf8), path: "c")
        #expect(configuration.daemon.targets == [DaemonConfig.Target(cgroup: "/kubepods", preset: .high)])
        #expect(configuration.daemon.minIntervalMs == 50)
        #expect(configuration.daemon.maxIntervalMs == 1000)
        #expect(configuration.daemon.psiWindowMs == 4000)
    }

    @Test func everyProblemOfTheDaemonSectionHasItsPath() {
        #expect(
            throws: ConfigurationError.invalid(
                path: "c",
                problems: [
                    ConfigIssue(
                        path: "daemon.psi_stall_ms",
                        "not a valid Int64: Expected to decode Int64 but found a string instead."),
                    ConfigIssue(
                        path: "daemon.targets[0].preset", "unknown preset \"max\" (known: low, medium, high)"),
                    ConfigIssue(path: "daemon.max_interval_ms", "10 must be in min_interval_ms...60000"),
                    ConfigIssue(path: "daemon.psi_window_ms", "100 must be in 500...10000"),
                ])
        ) {
            try Configuration.decoding(
                Array(
                    #"{"daemon": {"min_interval_ms": 20, "max_interval_ms": 10, "psi_window_ms": 100, "psi_stall_ms": "x", "targets": [{"cgroup": "/a", "preset": "max"}]}}"#
                        .utf8), path: "c")
        }
    }
}
