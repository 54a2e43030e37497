import KillPolicy
import MemSense
import TestSupport
import Testing

/// Memory readings played back in order; the last one repeats. Each read costs `readCostMs`.
final class ScriptedMemory {
    private var readings: [MemoryCheck]
    private let clock: ManualClock
    private let readCostMs: Int64
    private(set) var readCount = 0

    init(_ readings: [MemoryCheck], clock: ManualClock, readCostMs: Int64 = 0) {
        self.readings = readings
        self.clock = clock
        self.readCostMs = readCostMs
    }

    func read() -> MemoryCheck {
        clock.advance(byMs: readCostMs)
        readCount += 1
        return readings.count > 1 ? readings.removeFirst() : readings[0]
    }
}

let lowMemory = MemoryCheck(availableBytes: 100 * mib, hasRecovered: false)

@Suite struct KillSequenceTests {
    let clock = ManualClock(startMs: 1_000)
    let policy: Policy
    let worker = process(100, "worker", anonBytes: 900 * mib)
    let helper = process(101, "helper", anonBytes: 500 * mib)
    let idle = process(102, "idle", anonBytes: 100 * mib)

    init() throws {
        policy = try loadPolicy(fromJSON: shippedPolicyText())
    }

    func sequence(_ plan: KillPlan = KillPlan(), memory: ScriptedMemory? = nil) -> KillSequence {
        let memory = memory ?? ScriptedMemory([lowMemory], clock: clock)
        return KillSequence(plan: plan, nowMs: { [clock] in clock.nowMs }, readMemory: memory.read)
    }

    func killReport(of outcome: KillOutcome) -> KillReport? {
        guard case .killed(let report) = outcome else { return nil }
        return report
    }

    func governor(maxKills: Int = 64) -> KillGovernor {
        KillGovernor(settings: GovernorSettings(cooldownMs: 0, maxKills: maxKills, windowMs: 10_000))
    }

    @Test func theFirstCandidateIsKilledWithSIGKILLAndItsMemoryReleased() throws {
        var control = RecordingProcessControl(clock: clock)
        var governor = governor()
        let outcome = sequence().run(ranking([idle, worker, helper], policy), control: &control, governor: &governor)
        let report = try #require(killReport(of: outcome))
        #expect(report.victim.process.pid == 100)
        #expect(report.signals == [.kill])
        #expect(report.isMemoryReleased && report.hasExited)
        #expect(report.target == .process)
        #expect(
            control.actions == [
                .open(worker.identity), .signal(.kill, worker.identity), .releaseMemory(worker.identity),
                .waitForExit(worker.identity, timeoutMs: 1_000), .close(worker.identity),
            ])
    }

    @Test func aVanishedCandidateIsSkippedAndTheNextTaken() throws {
        var control = RecordingProcessControl(clock: clock)
        control.scripts[worker.identity] = .init(opening: .vanished)
        var governor = governor()
        let outcome = sequence().run(ranking([idle, worker, helper], policy), control: &control, governor: &governor)
        let report = try #require(killReport(of: outcome))
        #expect(report.victim.process.pid == 101)
        #expect(report.skipped == [SkippedCandidate(identity: worker.identity, comm: "worker", reason: .vanished)])
        #expect(control.signals(receivedBy: worker.identity) == [])
        #expect(control.actions.first == .open(worker.identity))
        #expect(control.actions[1] == .open(helper.identity))
    }

    @Test func aCandidateWhosePIDWasReusedIsSkippedAndTheNextTaken() throws {
        var control = RecordingProcessControl(clock: clock)
        control.scripts[worker.identity] = .init(opening: .reused)
        control.scripts[helper.identity] = .init(
            signalFailure: .controlFailed(operation: "pidfd_send_signal", errno: 1))
        var governor = governor()
        let outcome = sequence().run(ranking([idle, worker, helper], policy), control: &control, governor: &governor)
        let report = try #require(killReport(of: outcome))
        #expect(report.victim.process.pid == 102)
        #expect(
            report.skipped.map(\.reason) == [
                .identityChanged, .failed(.controlFailed(operation: "pidfd_send_signal", errno: 1)),
            ])
        #expect(control.actions.contains(.close(helper.identity)))
        #expect(!control.actions.contains(.close(worker.identity)))
    }

    @Test func noProcessMreleaseAfterASIGTERMThatWasObeyed() throws {
        var control = RecordingProcessControl(clock: clock)
        control.scripts[worker.identity] = .init(exitAfterMs: 120)
        var governor = governor()
        let plan = KillPlan(sigtermGraceMs: 500, exitWaitMs: 1_000)
        let report = try #require(
            killReport(of: sequence(plan).run(ranking([worker], policy), control: &control, governor: &governor)))
        #expect(report.signals == [.terminate])
        #expect(!report.isMemoryReleased && report.hasExited)
        #expect(report.signalToExitMs == 120)
        #expect(
            control.actions == [
                .open(worker.identity), .signal(.terminate, worker.identity),
                .waitForExit(worker.identity, timeoutMs: 500), .close(worker.identity),
            ])
    }

    @Test func processMreleaseComesOnlyAfterTheSIGKILLThatFollowsAnIgnoredSIGTERM() throws {
        var control = RecordingProcessControl(clock: clock)
        control.scripts[worker.identity] = .init(exitsOnTerminate: false, exitAfterMs: 10)
        var governor = governor()
        let plan = KillPlan(sigtermGraceMs: 500, exitWaitMs: 1_000)
        let report = try #require(
            killReport(of: sequence(plan).run(ranking([worker], policy), control: &control, governor: &governor)))
        #expect(report.signals == [.terminate, .kill])
        #expect(report.isMemoryReleased && report.hasExited)
        #expect(report.signalToExitMs == 510)
        #expect(
            control.actions == [
                .open(worker.identity), .signal(.terminate, worker.identity),
                .waitForExit(worker.identity, timeoutMs: 500), .signal(.kill, worker.identity),
                .releaseMemory(worker.identity), .waitForExit(worker.identity, timeoutMs: 1_000),
                .close(worker.identity),
            ])
    }

    @Test func memoryRecoveredAfterSelectionMeansNoKill() {
        var control = RecordingProcessControl(clock: clock)
        var governor = governor(maxKills: 1)
        let memory = ScriptedMemory([MemoryCheck(availableBytes: 3 * gib, hasRecovered: true)], clock: clock)
        let outcome = sequence(memory: memory).run(ranking([worker], policy), control: &control, governor: &governor)
        #expect(outcome == .recovered(availableBytes: 3 * gib, skipped: []))
        #expect(control.actions == [])
        #expect(governor.permission(atMs: clock.nowMs) == .allowed)
    }

    @Test func memoryFreedByAVanishedCandidateCallsOffTheKill() {
        var control = RecordingProcessControl(clock: clock)
        control.scripts[worker.identity] = .init(opening: .vanished)
        var governor = governor()
        let memory = ScriptedMemory(
            [lowMemory, MemoryCheck(availableBytes: 1 * gib, hasRecovered: true)], clock: clock)
        let outcome = sequence(memory: memory).run(
            ranking([worker, helper], policy), control: &control, governor: &governor)
        #expect(
            outcome
                == .recovered(
                    availableBytes: 1 * gib,
                    skipped: [SkippedCandidate(identity: worker.identity, comm: "worker", reason: .vanished)]))
        #expect(control.actions == [.open(worker.identity)])
    }

    @Test func theReportMeasuresTimeAndFreedMemoryThroughTheInjectedReads() throws {
        var control = RecordingProcessControl(clock: clock)
        control.scripts[worker.identity] = .init(exitAfterMs: 40)
        var governor = governor()
        let memory = ScriptedMemory(
            [lowMemory, MemoryCheck(availableBytes: 612 * mib, hasRecovered: true)], clock: clock, readCostMs: 3)
        let report = try #require(
            killReport(
                of: sequence(memory: memory).run(ranking([worker], policy), control: &control, governor: &governor)))
        #expect(report.selectionToSignalMs == 3)
        #expect(report.signalToExitMs == 40)
        #expect(report.availableBeforeBytes == 100 * mib)
        #expect(report.availableAfterBytes == 612 * mib)
        #expect(report.freedBytes == Int64(512 * mib))
        #expect(memory.readCount == 2)
    }

    @Test func theKillBudgetStopsTheFourthKillAndSendsNothing() throws {
        var control = RecordingProcessControl(clock: clock)
        var governor = governor(maxKills: 3)
        let table = [worker, helper, idle]
        for _ in 0..<3 {
            #expect(
                killReport(of: sequence().run(ranking(table, policy), control: &control, governor: &governor)) != nil)
            clock.advance(byMs: 100)
        }
        let actionsBefore = control.actions
        let outcome = sequence().run(ranking(table, policy), control: &control, governor: &governor)
        #expect(outcome == .overBudget(kills: 3, windowMs: 10_000, untilMs: 11_000))
        #expect(control.actions == actionsBefore)
    }

    @Test func theProtectedAndTheInitsNeverDieEvenWhenNothingElseIsLeft() {
        var control = RecordingProcessControl(clock: clock)
        var governor = governor()
        let table = [
            process(1, "systemd", anonBytes: 2 * gib),
            process(50, "sshd", anonBytes: 4 * gib),
            process(51, "tini", anonBytes: 4 * gib, namespacePID: 1),
            process(52, "kubelet", anonBytes: 4 * gib),
        ]
        #expect(
            sequence().run(ranking(table, policy), control: &control, governor: &governor) == .noVictim(skipped: []))
        #expect(control.actions == [])
    }

    @Test func anAvoidedProcessIsKilledOnlyWhenTheOthersAreGone() throws {
        var control = RecordingProcessControl(clock: clock)
        control.scripts[idle.identity] = .init(opening: .vanished)
        var governor = governor()
        let table = [process(60, "postgres", anonBytes: 8 * gib), idle]
        let report = try #require(
            killReport(of: sequence().run(ranking(table, policy), control: &control, governor: &governor)))
        #expect(report.victim.process.comm == "postgres")
        #expect(report.victim.tier == .avoided)
        #expect(report.skipped.map(\.identity) == [idle.identity])
    }

    @Test func aGroupKillSignalsTheVictimThenItsGroup() throws {
        var control = RecordingProcessControl(clock: clock)
        var governor = governor()
        let leader = process(200, "make", anonBytes: 1 * mib, processGroupID: 200)
        let compiler = process(201, "cc1plus", anonBytes: 2 * gib, processGroupID: 200)
        let report = try #require(
            killReport(
                of: sequence(KillPlan(granularity: .processGroup)).run(
                    ranking([leader, compiler], policy), control: &control, governor: &governor)))
        #expect(report.target == .processGroup(200))
        #expect(report.granularityFallback == nil)
        #expect(control.actions[1...2] == [.signal(.kill, compiler.identity), .signalProcessGroup(.kill, 200)])
    }

    @Test func aGroupOrCgroupHoldingAProtectedProcessIsNarrowedToTheVictim() throws {
        var control = RecordingProcessControl(clock: clock)
        var governor = governor()
        let sshd = process(
            300, "sshd", anonBytes: 8 * mib, processGroupID: 300, cgroupPath: "/system.slice/ssh.service")
        let child = process(
            301, "leaky", anonBytes: 2 * gib, processGroupID: 300, cgroupPath: "/system.slice/ssh.service")
        for granularity in [KillGranularity.processGroup, .cgroup] {
            let report = try #require(
                killReport(
                    of: sequence(KillPlan(granularity: granularity)).run(
                        ranking([sshd, child], policy), control: &control, governor: &governor)))
            #expect(report.target == .process)
            #expect(
                report.granularityFallback?.hasSuffix("holds 300 (sshd, protect: comm~^sshd(-session|-auth)?$)") == true
            )
        }
        #expect(
            !control.actions.contains {
                if case .signalProcessGroup = $0 { true } else if case .signalCgroup = $0 { true } else { false }
            })
    }

    @Test func aCgroupKillTakesTheContainerWithItsInit() throws {
        var control = RecordingProcessControl(clock: clock)
        var governor = governor()
        let path = "/kubepods/burstable/pod1/c1"
        let table = [
            process(400, "tini", anonBytes: 1 * mib, cgroupPath: path, namespacePID: 1),
            process(401, "java", anonBytes: 3 * gib, cgroupPath: path, namespacePID: 7),
        ]
        let report = try #require(
            killReport(
                of: sequence(KillPlan(granularity: .cgroup)).run(
                    ranking(table, policy), control: &control, governor: &governor)))
        #expect(report.victim.process.pid == 401)
        #expect(report.target == .cgroup(path))
        #expect(control.actions.contains(.signalCgroup(.kill, path)))
        #expect(!control.actions.contains(.signal(.kill, table[0].identity)))
    }

    @Test func processGroupsZeroAndOneAreNeverSignalledAsAGroup() throws {
        var control = RecordingProcessControl(clock: clock)
        var governor = governor()
        let orphan = process(500, "daemonized", anonBytes: 1 * gib, processGroupID: 0)
        let report = try #require(
            killReport(
                of: sequence(KillPlan(granularity: .processGroup)).run(
                    ranking([orphan], policy), control: &control, governor: &governor)))
        #expect(report.target == .process)
        #expect(report.granularityFallback == "process group 0 cannot be signalled as a group")
    }

    @Test func aMissingProcessMreleaseOrARefusedGroupSignalIsReportedNotFatal() throws {
        var control = RecordingProcessControl(clock: clock)
        control.memoryReleaseFailure = .controlFailed(operation: "process_mrelease", errno: 38)
        control.groupSignalFailure = .controlFailed(operation: "kill", errno: 1)
        var governor = governor()
        let report = try #require(
            killReport(
                of: sequence(KillPlan(granularity: .processGroup)).run(
                    ranking([worker], policy), control: &control, governor: &governor)))
        #expect(report.signals == [.kill])
        #expect(!report.isMemoryReleased && report.hasExited)
        #expect(
            report.errors == [
                .controlFailed(operation: "kill", errno: 1), .controlFailed(operation: "process_mrelease", errno: 38),
            ])
    }

    @Test func aDryRunRecordsTheKillItWouldMake() throws {
        var control = DryRunProcessControl()
        var governor = governor()
        let report = try #require(
            killReport(
                of: sequence(KillPlan(sigtermGraceMs: 300)).run(
                    ranking([worker, helper], policy), control: &control, governor: &governor)))
        #expect(report.victim.process.pid == 100)
        #expect(!report.hasExited)
        #expect(
            control.actions == [
                .open(worker.identity), .signal(.terminate, worker.identity),
                .waitForExit(worker.identity, timeoutMs: 300), .signal(.kill, worker.identity),
                .releaseMemory(worker.identity), .waitForExit(worker.identity, timeoutMs: 1_000),
                .close(worker.identity),
            ])
        #expect(control.actions.map(\.description)[1] == "terminate 100@1000")
    }
}
