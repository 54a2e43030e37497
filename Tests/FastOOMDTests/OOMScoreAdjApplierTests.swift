import Glibc
import KillPolicy
import LinuxSys
import MemSense
import TestSupport
import Testing

@testable import fastoomd

/// A shell that sets its own oom_score_adj to `adj` and waits on stdin, named by `token` in its
/// command line so that a rule matches it and nothing else on the machine.
private func waitingShell(token: String, adj: Int) throws -> ChildProcess {
    let child = try ChildProcess.spawn([
        "/bin/sh", "-c", "echo \(adj) > /proc/$$/oom_score_adj; echo ready; read x", token,
    ])
    try #require(try child.readLine(timeoutMs: 5_000) == "ready")
    return child
}

private func oomScoreAdj(of pid: Int32) throws -> Int32? {
    try ProcessTable(source: DirectorySource()).snapshot(of: pid)?.oomScoreAdj
}

private func rules(token: String, adj: Int, periodMs: Int64) throws -> OOMScoreAdjRules {
    try OOMScoreAdjRules(
        validating: OOMScoreAdjConfig(
            periodMs: periodMs,
            rules: [OOMScoreAdjRuleConfig(match: MatchRuleConfig(cmdlineRegex: " \(token)$"), adj: adj)]))
}

@Suite(.tags(.kernel), .enabled(if: KernelGate.shouldRun)) struct OOMScoreAdjApplierTests {
    @Test func aRuleRaisesAProcessStartedAfterAScanWithinOneSchedulePeriod() throws {
        let token = "fastoomd-adj-raise-\(getpid())"
        let applier = OOMScoreAdjApplier(rules: try rules(token: token, adj: 700, periodMs: 1_000))
        let table = ProcessTable(source: DirectorySource())
        let startMs = MonotonicClock.nowMs()
        #expect(applier.isDue(atMs: startMs))
        #expect(applier.apply(to: try table.scan().processes, ownPID: getpid(), nowMs: startMs).applied.isEmpty)

        let child = try waitingShell(token: token, adj: 100)
        #expect(!applier.isDue(atMs: startMs + 999))
        #expect(applier.isDue(atMs: startMs + 1_000))
        let pass = applier.apply(to: try table.scan().processes, ownPID: getpid(), nowMs: startMs + 1_000)
        #expect(pass.applied.map(\.process.pid) == [child.pid])
        #expect(pass.applied.first?.currentAdj == 100)
        #expect(pass.failures.isEmpty)
        #expect(try oomScoreAdj(of: child.pid) == 700)
        // At the wanted value now: the next scan leaves it alone.
        #expect(applier.apply(to: try table.scan().processes, ownPID: getpid(), nowMs: startMs + 2_000).applied.isEmpty)
    }

    @Test func loweringWithoutCapSysResourceIsReportedOnceNotEveryScan() throws {
        let hasCapSysResource = try LiveFiles.hasEffectiveCapability(24)
        let token = "fastoomd-adj-lower-\(getpid())"
        let child = try waitingShell(token: token, adj: 300)
        let applier = OOMScoreAdjApplier(rules: try rules(token: token, adj: -500, periodMs: 1_000))
        let table = ProcessTable(source: DirectorySource())
        let first = applier.apply(to: try table.scan().processes, ownPID: getpid(), nowMs: 0)
        if hasCapSysResource {
            #expect(first.applied.map(\.process.pid) == [child.pid])
            return
        }
        #expect(first.applied.isEmpty)
        #expect(first.failures.count == 1)
        #expect(first.failures.first?.contains("pid \(child.pid) (sh) cmdline~ \(token)$") == true)
        #expect(first.failures.first?.contains("CAP_SYS_RESOURCE") == true)
        let second = applier.apply(to: try table.scan().processes, ownPID: getpid(), nowMs: 1_000)
        #expect(second == OOMScoreAdjApplier.Pass())
        #expect(try oomScoreAdj(of: child.pid) == 300)
    }
}
