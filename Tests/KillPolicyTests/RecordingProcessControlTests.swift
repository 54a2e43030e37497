import KillPolicy
import MemSense
import TestSupport
import Testing

@Suite struct RecordingProcessControlTests {
    let calm = ProcessIdentity(pid: 10, startTimeTicks: 1)
    let stubborn = ProcessIdentity(pid: 11, startTimeTicks: 1)

    @Test func opensAsScripted() throws {
        var control = RecordingProcessControl()
        control.scripts[ProcessIdentity(pid: 2, startTimeTicks: 1)] = .init(opening: .vanished)
        control.scripts[ProcessIdentity(pid: 3, startTimeTicks: 1)] = .init(opening: .reused)
        control.scripts[ProcessIdentity(pid: 4, startTimeTicks: 1)] = .init(
            opening: .refused(.controlFailed(operation: "pidfd_open", errno: 1)))
        let opened = try control.openHandle(ProcessIdentity(pid: 1, startTimeTicks: 1))
        guard case .opened(let handle) = opened else {
            Issue.record("expected an open handle")
            return
        }
        #expect(handle == ProcessIdentity(pid: 1, startTimeTicks: 1))
        guard case .vanished = try control.openHandle(ProcessIdentity(pid: 2, startTimeTicks: 1)) else {
            Issue.record("expected vanished")
            return
        }
        guard case .reused = try control.openHandle(ProcessIdentity(pid: 3, startTimeTicks: 1)) else {
            Issue.record("expected reused")
            return
        }
        #expect(throws: KillPolicyError.controlFailed(operation: "pidfd_open", errno: 1)) {
            try control.openHandle(ProcessIdentity(pid: 4, startTimeTicks: 1))
        }
        #expect(control.actions.count == 4)
    }

    @Test func exitsOnlyOnASignalItYieldsToWithinTheTimeout() throws {
        let clock = ManualClock(startMs: 100)
        var control = RecordingProcessControl(clock: clock)
        control.scripts[calm] = .init(exitAfterMs: 30)
        control.scripts[stubborn] = .init(exitsOnTerminate: false, exitAfterMs: 5)
        #expect(control.waitForExit(calm, timeoutMs: 50) == false)
        #expect(clock.nowMs == 150)
        try control.send(.terminate, to: calm)
        #expect(control.waitForExit(calm, timeoutMs: 20) == false)
        #expect(clock.nowMs == 170)
        #expect(control.waitForExit(calm, timeoutMs: 50) == true)
        #expect(clock.nowMs == 200)
        try control.send(.terminate, to: stubborn)
        #expect(control.waitForExit(stubborn, timeoutMs: 50) == false)
        try control.send(.kill, to: stubborn)
        #expect(control.waitForExit(stubborn, timeoutMs: 50) == true)
        #expect(clock.nowMs == 255)
        #expect(control.signals(receivedBy: stubborn) == [.terminate, .kill])
    }

    @Test func aRefusedSignalIsRecordedButNotReceived() {
        var control = RecordingProcessControl()
        let error = KillPolicyError.controlFailed(operation: "pidfd_send_signal", errno: 1)
        control.scripts[calm] = .init(signalFailure: error)
        control.groupSignalFailure = error
        control.memoryReleaseFailure = KillPolicyError.controlFailed(operation: "process_mrelease", errno: 38)
        #expect(throws: error) { try control.send(.kill, to: calm) }
        #expect(throws: error) { try control.send(.kill, toProcessGroup: 10) }
        #expect(throws: error) { try control.send(.kill, toCgroup: "/a") }
        #expect(throws: KillPolicyError.controlFailed(operation: "process_mrelease", errno: 38)) {
            try control.releaseMemory(calm)
        }
        #expect(control.signals(receivedBy: calm) == [])
        #expect(
            control.actions == [
                .signal(.kill, calm), .signalProcessGroup(.kill, 10), .signalCgroup(.kill, "/a"), .releaseMemory(calm),
            ])
    }
}
