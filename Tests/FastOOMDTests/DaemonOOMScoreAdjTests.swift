import KillPolicy
import MemSense
import TestSupport
import Testing

@testable import fastoomd

/// The shipped configuration with `oom_score_adj` rules that set sshd to -900 and the hog to 500
/// every `periodMs`, and ticks at most every 10 s.
private func configuration(periodMs: Int64) throws -> Configuration {
    var configuration = try ShippedConfiguration.decoded()
    configuration.daemon.maxIntervalMs = 10_000
    configuration.oomScoreAdjRules = try OOMScoreAdjRules(
        validating: OOMScoreAdjConfig(
            periodMs: periodMs,
            rules: [
                OOMScoreAdjRuleConfig(match: MatchRuleConfig(comm: "sshd"), adj: -900),
                OOMScoreAdjRuleConfig(match: MatchRuleConfig(comm: "hog"), adj: 500),
            ]))
    return configuration
}

/// The oom_score_adj files of the rig's processes `pids`, written as the kernel shows them, in a
/// tree that stands in for /proc.
private func procTree(pids: [Int32] = [100, 200, 300]) throws -> TemporaryTree {
    let tree = try TemporaryTree()
    for pid in pids { try tree.write("\(pid)/oom_score_adj", "0\n") }
    return tree
}

private typealias Rig = DaemonTestRig<RecordingProcessControl>

@Suite struct DaemonOOMScoreAdjTests {
    @Test func theRulesAreAppliedAtTheFirstTickThenEveryPeriodWithOneEventPerValueSet() throws {
        let tree = try procTree()
        let rig = try Rig(
            trace: "burst-free-fast-s1.jsonl.gz", control: { RecordingProcessControl(clock: $0) },
            configuration: configuration(periodMs: 5_000), oomScoreAdjProcRoot: tree.root)
        // The wait ends when the rules are next due, not after the 10 s a calm tick allows.
        #expect(rig.daemon.tick(at: 0) == 5_000)
        let set = rig.recorded.filter { $0.kind == .oomScoreAdjSet }
        #expect(set.map(\.process?.pid) == [200, 300])
        let sshd = try #require(set.last)
        #expect(sshd.message == "rule comm=sshd")
        #expect(sshd.dryRun == false)
        #expect(sshd.oldOOMScoreAdj == 0)
        #expect(sshd.newOOMScoreAdj == -900)
        #expect(sshd.process?.comm == "sshd")
        #expect(sshd.process?.cgroup == "/system.slice/ssh.service")
        #expect(sshd.process?.startTimeTicks == Rig.sshd.startTimeTicks)
        #expect(try LiveFiles.text(tree.root + "/300/oom_score_adj") == "-900")
        #expect(try LiveFiles.text(tree.root + "/200/oom_score_adj") == "500")
        #expect(try LiveFiles.text(tree.root + "/100/oom_score_adj") == "0\n")

        rig.daemon.tick(at: 4_999)
        #expect(rig.recorded.filter { $0.kind == .oomScoreAdjSet }.count == 2)
        // sshd now shows the value written; the hog is back at 0 and is set again.
        rig.processes.set("proc/300/oom_score_adj", "-900\n")
        rig.daemon.tick(at: 5_000)
        let again = rig.recorded.filter { $0.kind == .oomScoreAdjSet }.dropFirst(2)
        #expect(again.map(\.process?.pid) == [200])
        #expect(again.first?.tMs == 5_000)
        #expect(!rig.recorded.contains { $0.kind == .error })
    }

    @Test func aWriteThatFailsIsOneErrorEventNotOnePerPeriod() throws {
        let tree = try procTree(pids: [100, 200])
        // A directory where the file should be: the write fails with EISDIR.
        try tree.makeDirectories("300/oom_score_adj/x")
        let rig = try Rig(
            trace: "burst-free-fast-s1.jsonl.gz", control: { RecordingProcessControl(clock: $0) },
            configuration: configuration(periodMs: 1_000), oomScoreAdjProcRoot: tree.root)
        rig.daemon.tick(at: 0)
        rig.daemon.tick(at: 1_000)
        rig.daemon.tick(at: 2_000)
        let errors = rig.recorded.filter { $0.kind == .error }
        #expect(errors.count == 1)
        #expect(errors.first?.message == "oom_score_adj rules: cannot set")
        #expect(errors.first?.errors?.count == 1)
        #expect(errors.first?.errors?.first?.hasPrefix("pid 300 (sshd) comm=sshd: ") == true)
        #expect(errors.first?.errors?.first?.contains("EISDIR") == true)
        // The hog's write works, and it is at 0 again in the made-up table at every scan.
        #expect(rig.recorded.filter { $0.kind == .oomScoreAdjSet }.map(\.process?.pid) == [200, 200, 200])
    }

    @Test func aDryRunWritesNothingAndLogsEachWouldBeValueOnce() throws {
        let tree = try procTree()
        let rig = try DaemonTestRig(
            trace: "burst-free-fast-s1.jsonl.gz", control: { _ in DryRunProcessControl() }, isDryRun: true,
            configuration: configuration(periodMs: 1_000), oomScoreAdjProcRoot: tree.root)
        rig.daemon.tick(at: 0)
        rig.daemon.tick(at: 1_000)
        rig.daemon.tick(at: 2_000)
        let set = rig.recorded.filter { $0.kind == .oomScoreAdjSet }
        #expect(set.map(\.process?.pid) == [200, 300])
        #expect(set.allSatisfy { $0.dryRun == true })
        #expect(set.map(\.newOOMScoreAdj) == [500, -900])
        #expect(try LiveFiles.text(tree.root + "/300/oom_score_adj") == "0\n")
        #expect(try LiveFiles.text(tree.root + "/200/oom_score_adj") == "0\n")
    }

    @Test func withoutAProcRootToWriteIntoTheRulesAreLeftAlone() throws {
        let rig = try Rig(
            trace: "burst-free-fast-s1.jsonl.gz", control: { RecordingProcessControl(clock: $0) },
            configuration: configuration(periodMs: 1_000))
        #expect(rig.daemon.tick(at: 0) > 5_000)
        #expect(!rig.recorded.contains { $0.kind == .oomScoreAdjSet || $0.kind == .error })
    }
}
