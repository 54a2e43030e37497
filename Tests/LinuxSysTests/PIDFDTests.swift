import LinuxSys
import TestSupport
import Testing

@Suite(.tags(.kernel), .enabled(if: KernelGate.shouldRun))
struct PIDFDTests {
    @Test func pidfdSignalsASpawnedChildAndSeesItExit() throws {
        let child = try ChildProcess.spawn(["/bin/sleep", "60"])
        let pidfd = try PIDFD.open(pid: child.pid)
        let pidfdPID = pidfd.pid
        #expect(pidfdPID == child.pid)
        let exitedEarly = try pidfd.waitForExit(timeoutMs: 0)
        #expect(!exitedEarly)
        try pidfd.send(signal: .kill)
        let exited = try pidfd.waitForExit(timeoutMs: 10_000)
        #expect(exited)
        #expect(child.reap(timeoutMs: 10_000) == .killed(.kill))
    }

    @Test func pidfdOfAReapedChildIsGone() throws {
        let child = try ChildProcess.spawn(["/bin/sh", "-c", "exit 3"])
        #expect(child.reap(timeoutMs: 10_000) == .exited(code: 3))
        do {
            _ = try PIDFD.open(pid: child.pid)
            Issue.record("expected ESRCH for reaped pid \(child.pid)")
        } catch {
            #expect(error.isGone, "\(error)")
        }
    }

    @Test func killFallbackSignalsAChildByPid() throws {
        let child = try ChildProcess.spawn(["/bin/sleep", "60"])
        try send(signal: .terminate, to: child.pid)
        #expect(child.reap(timeoutMs: 10_000) == .killed(.terminate))
    }

    @Test func processMreleaseFreesAKilledHogsMemory() throws {
        let group = try TestCgroup(limitBytes: 256 << 20)
        defer { group.destroy() }
        let hog = try group.spawn(MemoryHog(megabytes: 64))
        #expect(try hog.readLine(timeoutMs: 30_000) == MemoryHog.readyLine)
        #expect(try group.usageBytes() >= 64 << 20)

        let pidfd = try PIDFD.open(pid: hog.pid)
        try pidfd.send(signal: .kill)
        let released = Self.error { () throws(LinuxSysError) in try pidfd.releaseMemory() }
        if let released {
            // Only ESRCH is accepted: the process finished exiting first, so its memory is gone.
            #expect(released.isGone, "\(released)")
            let status = try LiveFiles.text("proc/\(hog.pid)/status")
            #expect(LiveFiles.statusValue("VmRSS", in: status) == nil, "ESRCH while the process still had memory")
        }
        let exited = try pidfd.waitForExit(timeoutMs: 10_000)
        #expect(exited)
        #expect(hog.reap(timeoutMs: 10_000) == .killed(.kill))
        #expect(try group.usageBytes() < 64 << 20)
    }

    /// The error `body` throws, or nil.
    private static func error(_ body: () throws(LinuxSysError) -> Void) -> LinuxSysError? {
        do { try body() } catch { return error }
        return nil
    }
}
