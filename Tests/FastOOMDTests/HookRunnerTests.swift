import Glibc
import LinuxSys
import MemSense
import TestSupport
import Testing

@testable import fastoomd

/// Ticks `runner` every 10 ms (at most 10 s) until no hook is left; returns the problems and how
/// many ticks found a hook still running.
private func tickUntilDone(_ runner: HookRunner) throws -> (problems: [HookRunner.Problem], busyTicks: Int) {
    var problems: [HookRunner.Problem] = []
    var busyTicks = 0
    let deadlineMs = MonotonicClock.nowMs() + 10_000
    while runner.runningCount > 0 {
        try #require(MonotonicClock.nowMs() < deadlineMs, "hooks still running: \(runner.runningPIDs)")
        problems += runner.reap(nowMs: MonotonicClock.nowMs())
        if runner.runningCount > 0 { busyTicks += 1 }
        usleep(10_000)
    }
    return (problems, busyTicks)
}

/// The state letter of /proc/PID/stat, nil once the process is reaped.
private func state(of pid: Int32) throws -> Character? {
    try ProcessTable(source: DirectorySource()).snapshot(of: pid)?.state
}

@Suite(.tags(.kernel), .enabled(if: KernelGate.shouldRun)) struct HookRunnerTests {
    let event = #"{"kind":"near_oom","t_ms":12345,"target":"node"}"#

    @Test func aHookReceivesTheEventJSONOnItsStdin() throws {
        try withTemporaryDirectory { directory in
            let output = directory + "/event.json"
            let runner = HookRunner(hooks: HooksConfig(nearOOM: [HookConfig(path: "/usr/bin/tee", args: [output])]))
            #expect(runner.start(.nearOOM, event: event, nowMs: MonotonicClock.nowMs()).isEmpty)
            let run = try tickUntilDone(runner)
            #expect(run.problems.isEmpty)
            #expect(try LiveFiles.text(output) == event + "\n")
        }
    }

    @Test func aHookSeesWhichKindItRunsForAndAFixedPath() throws {
        try withTemporaryDirectory { directory in
            let output = directory + "/environment"
            let hook = HookConfig(path: "/bin/sh", args: ["-c", "env > \(output)"])
            let runner = HookRunner(hooks: HooksConfig(afterKill: [hook]))
            #expect(runner.start(.afterKill, event: event, nowMs: MonotonicClock.nowMs()).isEmpty)
            _ = try tickUntilDone(runner)
            let lines = try LiveFiles.text(output).split(separator: "\n").map(String.init)
            #expect(lines.contains("FASTOOMD_HOOK=after_kill"))
            #expect(lines.contains(HookRunner.path))
        }
    }

    @Test func aHangingHookIsKilledWithItsChildrenAtItsTimeoutWhileTheLoopGoesOn() throws {
        try withTemporaryDirectory { directory in
            let childFile = directory + "/child"
            let hook = HookConfig(
                path: "/bin/sh", args: ["-c", "sleep 60 & echo $! > \(childFile); wait"], timeoutMs: 300)
            let runner = HookRunner(hooks: HooksConfig(nearOOM: [hook]))
            #expect(runner.start(.nearOOM, event: event, nowMs: MonotonicClock.nowMs()).isEmpty)
            let hookPID = try #require(runner.runningPIDs.first)
            let run = try tickUntilDone(runner)
            #expect(run.busyTicks > 1)
            #expect(
                run.problems == [
                    HookRunner.Problem(kind: .nearOOM, path: "/bin/sh", reason: "killed at its timeout of 300 ms")
                ])
            #expect(try state(of: hookPID) == nil)
            let childPID = try #require(Int32(LiveFiles.text(childFile).split(separator: "\n").first ?? ""))
            // Killed with the hook's process group: gone, or a zombie until init reaps it.
            let childState = try state(of: childPID)
            #expect(childState == nil || childState == "Z")
        }
    }

    @Test func aFailingHookIsReportedWithItsExitStatus() throws {
        let runner = HookRunner(hooks: HooksConfig(afterKill: [HookConfig(path: "/bin/false")]))
        #expect(runner.start(.afterKill, event: event, nowMs: MonotonicClock.nowMs()).isEmpty)
        #expect(
            try tickUntilDone(runner).problems == [
                HookRunner.Problem(kind: .afterKill, path: "/bin/false", reason: "exit status 1")
            ])
    }

    @Test func aHookThatCannotStartIsReportedAtOnce() {
        let runner = HookRunner(hooks: HooksConfig(nearOOM: [HookConfig(path: "/nonexistent/fastoomd-hook")]))
        let problems = runner.start(.nearOOM, event: event, nowMs: MonotonicClock.nowMs())
        #expect(
            problems.map(\.reason) == [
                "cannot start: posix_spawn /nonexistent/fastoomd-hook: ENOENT (no such file or directory)"
            ])
        #expect(runner.runningCount == 0)
    }

    @Test func theKillWaitsForAQuickBeforeKillHookButNotBeyondTheHeadStart() throws {
        let quick = HookRunner(
            hooks: HooksConfig(beforeKill: [HookConfig(path: "/bin/true", headStartMs: 1_000)]))
        #expect(quick.startBeforeKill(event: event, clock: MonotonicClock.nowMs).isEmpty)
        #expect(quick.runningCount == 0)

        let slow = HookRunner(
            hooks: HooksConfig(beforeKill: [
                HookConfig(path: "/bin/sleep", args: ["60"], timeoutMs: 200, headStartMs: 50)
            ]))
        #expect(slow.startBeforeKill(event: event, clock: MonotonicClock.nowMs).isEmpty)
        #expect(slow.runningCount == 1)
        #expect(try tickUntilDone(slow).problems.map(\.reason) == ["killed at its timeout of 200 ms"])
    }
}
