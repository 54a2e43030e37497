import Glibc
import LinuxSys
import TestSupport
import Testing

@Suite(.tags(.kernel), .enabled(if: KernelGate.shouldRun))
struct SignalFDTests {
    /// Synchronous on purpose: the signal is blocked in this thread only, and raise(3) directs
    /// it to this thread. A kill(2) to the test process could reach another thread, where SIGHUP
    /// is not blocked and would end the test run.
    @Test func signalFDReadsAHangUpSentToThisThread() throws {
        let signals = try SignalFD([.hangUp])
        let before = try signals.next()
        #expect(before == nil)
        var set = PollSet()
        let token = try set.add(signals.fileDescriptor, events: .readable)

        #expect(raise(SIGHUP) == 0)
        #expect(try set.wait(timeoutMs: 1000).contains(token))
        let received = try signals.next()
        let after = try signals.next()
        #expect(received == SignalFD.Received(signal: .hangUp, senderPID: getpid()))
        #expect(after == nil)
    }
}
