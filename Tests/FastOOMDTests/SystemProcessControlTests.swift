import Glibc
import KillPolicy
import LinuxSys
import MemSense
import TestSupport
import Testing

@testable import fastoomd

/// The real kill path on this kernel, on children the test starts in a memory cgroup of its own.
@Suite(.tags(.kernel), .enabled(if: KernelGate.shouldRun), .serialized)
struct SystemProcessControlTests {
    let mib = 1 << 20

    @Test func aKillGoesThroughThePIDFDReleasesTheMemoryAndFreesTheGroup() throws {
        let group = try TestCgroup(limitBytes: 512 * mib)
        defer { group.destroy() }
        let hog = try group.spawn(MemoryHog(megabytes: 200))
        #expect(try hog.readLine(timeoutMs: 30_000) == MemoryHog.readyLine)
        let usageBeforeBytes = try group.usageBytes()
        #expect(usageBeforeBytes >= 200 * mib)

        var control = SystemProcessControl(source: DirectorySource())
        let ranking = try ranking(of: group)
        #expect(ranking.candidates.map(\.process.pid) == [hog.pid])
        let outcome = run(ranking, plan: KillPlan(exitWaitMs: 5_000), control: &control, group: group)

        guard case .killed(let report) = outcome else {
            Issue.record("no kill: \(outcome)")
            return
        }
        #expect(report.victim.process.pid == hog.pid)
        #expect(report.signals == [.kill])
        #expect(report.isMemoryReleased)
        #expect(report.hasExited)
        #expect(report.errors.isEmpty)
        #expect(control.callCounts == [.pidfdOpen: 1, .pidfdSendSignal: 1, .processMrelease: 1])
        #expect(hog.reap(timeoutMs: 5_000) == .killed(.kill))
        let freedBytes = usageBeforeBytes - (try group.usageBytes())
        #expect(freedBytes >= 190 * mib, "freed \(freedBytes) bytes")
        #expect(report.freedBytes >= Int64(190 * mib))
    }

    @Test func aWrongStartTimeIsReportedAsReusedAndNothingIsSignalled() throws {
        let group = try TestCgroup(limitBytes: 64 * mib)
        defer { group.destroy() }
        let child = try group.spawn(["/bin/sleep", "60"])
        let identity = try #require(try ProcessTable(source: DirectorySource()).identity(of: child.pid))
        var control = SystemProcessControl(source: DirectorySource())

        let stale = ProcessIdentity(pid: child.pid, startTimeTicks: identity.startTimeTicks - 1)
        guard case .reused = try control.openHandle(stale) else {
            Issue.record("a wrong start time was not reported as reused")
            return
        }
        guard case .opened(let handle) = try control.openHandle(identity) else {
            Issue.record("the right identity did not open")
            return
        }
        control.closeHandle(handle)
        #expect(child.reap(timeoutMs: 100) == nil)
        #expect(control.callCounts == [.pidfdOpen: 2])
    }

    /// The chosen process exits and is reaped, and a newcomer takes its pid (forced through
    /// ns_last_pid) before the kill: the newcomer has another start time and is spared.
    @Test func aNewcomerThatTookTheVictimsPIDIsNotKilled() throws {
        let group = try TestCgroup(limitBytes: 64 * mib)
        defer { group.destroy() }
        let victim = try group.spawn(["/bin/sleep", "60"])
        try waitForComm("sleep", of: victim.pid)
        let ranking = try ranking(of: group)
        let chosen = try #require(ranking.candidates.first?.process)
        #expect(chosen.pid == victim.pid)
        try send(signal: .kill, to: victim.pid)
        #expect(victim.reap(timeoutMs: 5_000) == .killed(.kill))

        let newcomer = try spawnWithPID(chosen.pid, in: group)
        let current = try #require(try ProcessTable(source: DirectorySource()).identity(of: newcomer.pid))
        #expect(current.pid == chosen.pid)
        #expect(current.startTimeTicks != chosen.identity.startTimeTicks)

        var control = SystemProcessControl(source: DirectorySource())
        let outcome = run(ranking, plan: KillPlan(), control: &control, group: group)
        #expect(
            outcome
                == .noVictim(skipped: [
                    SkippedCandidate(identity: chosen.identity, comm: "sleep", reason: .identityChanged)
                ]))
        #expect(control.callCounts == [.pidfdOpen: 1])
        #expect(newcomer.reap(timeoutMs: 200) == nil)
    }

    /// cgroup v1 has no cgroup.kill: passes over cgroup.procs kill everything, including what a
    /// shell in the group keeps forking while the passes run.
    @Test func aWholeCgroupKillLeavesTheGroupEmpty() throws {
        let group = try TestCgroup(limitBytes: 256 * mib)
        defer { group.destroy() }
        var sleepers: [ChildProcess] = []
        for _ in 0..<5 { sleepers.append(try group.spawn(["/bin/sleep", "60"])) }
        let forker = try group.spawn(["/bin/sh", "-c", "while :; do /bin/sleep 60 & /bin/sleep 0.005; done"])
        let ready = MonotonicClock.nowMs() + 5_000
        while try group.processIDs().count < 20 && MonotonicClock.nowMs() < ready { usleep(10_000) }
        #expect(try group.processIDs().count >= 20)

        let location = try CgroupLocation.named(group.directory, in: DirectorySource())
        var control = SystemProcessControl(source: DirectorySource())
        let outcome = run(try ranking(of: group), plan: KillPlan(granularity: .cgroup), control: &control, group: group)

        guard case .killed(let report) = outcome else {
            Issue.record("no kill: \(outcome)")
            return
        }
        #expect(report.target == .cgroup(location.path))
        #expect(report.errors.isEmpty)
        #expect(try group.processIDs() == [])
        #expect(control.callCounts[.cgroupKill] == nil)
        #expect((control.callCounts[.cgroupProcsPass] ?? 0) >= 1)
        #expect((control.callCounts[.pidfdSendSignal] ?? 0) >= 21)
        #expect(control.callCounts[.kill] == nil)
        for child in sleepers + [forker] { #expect(child.reap(timeoutMs: 5_000) == .killed(.kill)) }
    }

    /// `setsid` makes the shell the leader of a new process group; kill(-pgid) takes it and its
    /// children, and nothing outside the group.
    @Test func aProcessGroupKillTakesTheWholeGroup() throws {
        let group = try TestCgroup(limitBytes: 64 * mib)
        defer { group.destroy() }
        let leader = try group.spawn(["/usr/bin/setsid", "/bin/sh", "-c", "/bin/sleep 60 & /bin/sleep 60 & wait"])
        let outsider = try group.spawn(["/bin/sleep", "60"])
        let table = ProcessTable(source: DirectorySource())
        let ready = MonotonicClock.nowMs() + 5_000
        var members: [ProcessSnapshot] = []
        while members.count < 3 && MonotonicClock.nowMs() < ready {
            members = try table.scan().processes.filter { $0.processGroupID == leader.pid }
            usleep(10_000)
        }
        #expect(members.count == 3)
        // Never signal a group this test does not own: the leader's pid is its group id.
        try #require(try table.snapshot(of: leader.pid)?.processGroupID == leader.pid)

        var control = SystemProcessControl(source: DirectorySource())
        try control.send(.kill, toProcessGroup: leader.pid)
        #expect(leader.reap(timeoutMs: 5_000) == .killed(.kill))
        let deadline = MonotonicClock.nowMs() + 5_000
        while try table.scan().processes.contains(where: { $0.processGroupID == leader.pid && !$0.isZombie })
            && MonotonicClock.nowMs() < deadline
        {
            usleep(10_000)
        }
        #expect(try !table.scan().processes.contains { $0.processGroupID == leader.pid && !$0.isZombie })
        #expect(outsider.reap(timeoutMs: 100) == nil)
        #expect(control.callCounts == [.processGroupKill: 1])
    }

    private func ranking(of group: TestCgroup) throws -> Ranking {
        let source = DirectorySource()
        let location = try CgroupLocation.named(group.directory, in: source)
        let scan = try ProcessTable(source: source).scan(within: location.path)
        return Ranking(
            of: scan.processes, policy: try Policy(validating: KillPolicyConfig()), ownPID: getpid(),
            memoryTotalBytes: UInt64(group.limitBytes))
    }

    private func run(
        _ ranking: Ranking, plan: KillPlan, control: inout SystemProcessControl, group: TestCgroup
    ) -> KillOutcome {
        let readMemory = {
            MemoryCheck(
                availableBytes: UInt64(max(0, group.limitBytes - ((try? group.usageBytes()) ?? 0))), hasRecovered: false
            )
        }
        var governor = KillGovernor(settings: GovernorSettings())
        return KillSequence(plan: plan, nowMs: MonotonicClock.nowMs, readMemory: readMemory)
            .run(ranking, control: &control, governor: &governor)
    }

    /// Starts `sleep 60` with pid `pid` by setting the kernel's last pid just below it. Another
    /// process forking in between takes the pid first; then it tries again.
    private func spawnWithPID(_ pid: Int32, in group: TestCgroup) throws -> ChildProcess {
        for _ in 0..<50 {
            try writeFile("/proc/sys/kernel/ns_last_pid", "\(pid - 1)".utf8)
            let child = try group.spawn(["/bin/sleep", "60"])
            if child.pid == pid { return child }
            try send(signal: .kill, to: child.pid)
            child.reap(timeoutMs: 5_000)
        }
        throw TestRigError.refused("pid \(pid) was taken by other processes 50 times")
    }
}
