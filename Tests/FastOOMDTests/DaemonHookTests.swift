import Glibc
import KillPolicy
import LinuxSys
import MemSense
import TestSupport
import Testing

@testable import fastoomd

/// A hook that writes its stdin to `file` (whole, by a rename) and then, with `hangs`, sleeps.
private func writingHook(_ file: String, hangs: Bool = false, timeoutMs: Int64 = 5_000, headStartMs: Int64? = nil)
    -> HookConfig
{
    let script = "cat > \(file).part && mv \(file).part \(file)" + (hangs ? "; exec sleep 60" : "")
    return HookConfig(path: "/bin/sh", args: ["-c", script], timeoutMs: timeoutMs, headStartMs: headStartMs)
}

/// The event a hook wrote to `file`, waiting for it up to 5 s.
private func event(in file: String) throws -> Event {
    let deadlineMs = MonotonicClock.nowMs() + 5_000
    while MonotonicClock.nowMs() < deadlineMs {
        if let text = try? LiveFiles.text(file) {
            return try JSON.decode(Event.self, from: text.utf8)
        }
        usleep(10_000)
    }
    throw TestRigError.refused("no event in \(file) after 5 s")
}

/// Ticks after the end of the trace, 100 ms of daemon time and 10 ms of real time apart, until
/// every hook is reaped (at most 5 s).
private func tickUntilHooksAreDone<Control>(_ rig: DaemonTestRig<Control>) throws {
    let deadlineMs = MonotonicClock.nowMs() + 5_000
    while rig.daemon.hooks.runningCount > 0 {
        try #require(MonotonicClock.nowMs() < deadlineMs, "hooks still running: \(rig.daemon.hooks.runningPIDs)")
        rig.clock.advance(byMs: 100)
        rig.daemon.tick(at: rig.clock.nowMs)
        usleep(10_000)
    }
}

/// A temporary directory as a hook's output would live in: root's, mode 0755.
private func withHookDirectory(_ body: (String) throws -> Void) throws {
    try withTemporaryDirectory { directory in
        try #require(chmod(directory, 0o755) == 0)
        try body(directory)
    }
}

/// Whether `event` is a target's entry into an acting state from a calm one.
private func isEntry(_ event: Event) -> Bool {
    let acting = ["near_oom", "critical"]
    guard event.kind == .stateChanged, let trigger = event.trigger else { return false }
    return acting.contains(trigger.state) && !acting.contains(trigger.previousState ?? "")
}

@Suite(.tags(.kernel), .enabled(if: KernelGate.shouldRun)) struct DaemonHookTests {
    @Test func aNearOOMHookGetsTheStateChangeAndAHangingOneIsKilledAtItsTimeoutWhileTicksGoOn() throws {
        try withHookDirectory(hangingNearOOMHook)
    }

    private func hangingNearOOMHook(directory: String) throws {
        let output = directory + "/near_oom.json"
        var configuration = try ShippedConfiguration.decoded()
        configuration.hooks = HooksConfig(nearOOM: [writingHook(output, hangs: true, timeoutMs: 2_000)])
        let rig = try DaemonTestRig(
            trace: "anon-ramp-fast-s1.jsonl.gz", control: { RecordingProcessControl(clock: $0) },
            configuration: configuration)
        rig.run { rig in rig.recorded.contains(where: isEntry) }
        let entryIndex = try #require(rig.recorded.firstIndex(where: isEntry))
        let entry = rig.recorded[entryIndex]
        // The hook started and the same tick went on to kill the hog without waiting for it.
        #expect(rig.recorded[entryIndex...].map(\.kind).contains(.kill))
        #expect(rig.daemon.hooks.runningCount == 1)
        let hookPID = try #require(rig.daemon.hooks.runningPIDs.first)
        #expect(try event(in: output) == entry)

        rig.run()
        try tickUntilHooksAreDone(rig)
        let errors = rig.recorded.filter { $0.kind == .error }
        #expect(errors.map(\.message) == ["near_oom hook /bin/sh: killed at its timeout of 2000 ms"])
        #expect((errors.first?.tMs ?? 0) >= entry.tMs + 2_000)
        #expect(rig.recorded.filter(isEntry).count == 1)
        #expect(try ProcessTable(source: DirectorySource()).snapshot(of: hookPID) == nil)
    }

    @Test func theKillHooksGetTheVictimBeforeTheSignalAndTheKillEventAfter() throws {
        try withHookDirectory { directory in
            let before = directory + "/before_kill.json"
            let after = directory + "/after_kill.json"
            var configuration = try ShippedConfiguration.decoded()
            configuration.hooks = HooksConfig(
                beforeKill: [writingHook(before, headStartMs: 1_000)], afterKill: [writingHook(after)])
            let rig = try DaemonTestRig(
                trace: "anon-ramp-fast-s1.jsonl.gz", control: { RecordingProcessControl(clock: $0) },
                configuration: configuration)
            var wasWrittenBeforeTheKill = false
            rig.run { rig in
                guard rig.recorded.contains(where: { $0.kind == .kill }) else { return false }
                // The kill waited for the quick hook (its head start is 1 s).
                wasWrittenBeforeTheKill = (try? LiveFiles.text(before)) != nil
                return true
            }
            #expect(wasWrittenBeforeTheKill)
            let kill = try #require(rig.recorded.last)
            #expect(kill.kind == .kill)
            let announced = try event(in: before)
            #expect(announced.kind == .kill)
            #expect(announced.message == "about to signal")
            #expect(announced.victim == kill.victim)
            #expect(announced.trigger == kill.trigger)
            #expect(announced.signal == nil)
            #expect(try event(in: after) == kill)
            try tickUntilHooksAreDone(rig)
            #expect(!rig.recorded.contains { $0.kind == .error })
        }
    }

    @Test func aDryRunRunsTheNearOOMHooksButNoKillHooks() throws {
        try withHookDirectory { directory in
            let near = directory + "/near_oom.json"
            let before = directory + "/before_kill.json"
            let after = directory + "/after_kill.json"
            var configuration = try ShippedConfiguration.decoded()
            configuration.hooks = HooksConfig(
                nearOOM: [writingHook(near)], beforeKill: [writingHook(before)], afterKill: [writingHook(after)])
            let rig = try DaemonTestRig(
                trace: "anon-ramp-fast-s1.jsonl.gz", control: { _ in DryRunProcessControl() }, isDryRun: true,
                configuration: configuration)
            rig.run()
            try tickUntilHooksAreDone(rig)
            #expect(rig.recorded.contains { $0.kind == .wouldKill })
            #expect(try event(in: near) == rig.recorded.first(where: isEntry))
            #expect((try? LiveFiles.text(before)) == nil)
            #expect((try? LiveFiles.text(after)) == nil)
        }
    }
}
