import Glibc
import Testing

@testable import LinuxSys

@Suite struct LinuxSysErrorTests {
    @Test func errnoDescriptionNamesTheErrorAndItsMessage() {
        #expect(Errno.permissionDenied.description == "EACCES (permission denied)")
        #expect(Errno.noSuchProcess.name == "ESRCH")
        #expect(Errno.noSuchProcess.message == "no such process")
        #expect(Errno(rawValue: 4000).name == "errno 4000")
    }

    @Test func missingSystemCallIsUnsupportedSoTheKillerCanFallBack() {
        #expect(
            LinuxSysError("pidfd_open(7)", .noFunction) == .unsupported(operation: "pidfd_open(7)", errno: .noFunction)
        )
        #expect(LinuxSysError("write x", .notSupported) == .unsupported(operation: "write x", errno: .notSupported))
        #expect(LinuxSysError("kill(7)", .notPermitted) == .failed(operation: "kill(7)", errno: .notPermitted))
    }

    @Test func vanishedProcessOrFileIsGoneButRefusalIsNot() {
        #expect(LinuxSysError("kill(7)", .noSuchProcess).isGone)
        #expect(LinuxSysError("open /proc/7/oom_score_adj", .noSuchFileOrDirectory).isGone)
        #expect(!LinuxSysError("kill(7)", .notPermitted).isGone)
        #expect(!LinuxSysError.invalidArgument(operation: "kill(0)", reason: "x").isGone)
    }

    @Test func missingCapabilityMessageNamesTheCapability() {
        let error = LinuxSysError.missingCapability(
            operation: "write /proc/7/oom_score_adj",
            capability: "CAP_SYS_RESOURCE",
            errno: .permissionDenied
        )
        #expect(
            error.description
                == "write /proc/7/oom_score_adj: EACCES (permission denied); this process lacks CAP_SYS_RESOURCE"
        )
    }

    @Test func signalIsNamedForLogs() {
        #expect(Signal.kill.description == "SIGKILL")
        #expect(Signal.hangUp.description == "SIGHUP")
        #expect(Signal(rawValue: 40).description == "signal 40")
    }

    @Test(arguments: [0, -1, -1234] as [Int32])
    func killRefusesPidsThatWouldSignalGroupsOrEverything(pid: Int32) {
        #expect(
            throws: LinuxSysError.invalidArgument(operation: "kill(\(pid), SIGKILL)", reason: "pid must be positive")
        ) {
            try send(signal: .kill, to: pid)
        }
        #expect(throws: LinuxSysError.invalidArgument(operation: "pidfd_open(\(pid))", reason: "pid must be positive"))
        {
            _ = try PIDFD.open(pid: pid)
        }
    }

    @Test func oomScoreAdjOutsideTheKernelRangeIsRefusedBeforeWriting() {
        #expect(throws: LinuxSysError.self) { try setOOMScoreAdj(1001, pid: 1, procRoot: "/nonexistent") }
        do {
            try setOOMScoreAdj(-1001, pid: 1, procRoot: "/nonexistent")
            Issue.record("expected a refusal")
        } catch {
            guard case .invalidArgument(let operation, _) = error else {
                Issue.record("expected invalidArgument, got \(error)")
                return
            }
            #expect(operation == "write /nonexistent/1/oom_score_adj")
        }
    }

    @Test func oomScoreAdjPathComesFromTheProcRoot() {
        #expect(
            throws: LinuxSysError.failed(operation: "open /nonexistent/42/oom_score_adj", errno: .noSuchFileOrDirectory)
        ) {
            try setOOMScoreAdj(0, pid: 42, procRoot: "/nonexistent")
        }
    }

    @Test(arguments: [(1_000, 400_000), (1_000, 11_000_000), (0, 1_000_000), (2_000_000, 1_000_000)])
    func psiTriggerOutsideTheKernelLimitsIsRefusedBeforeOpening(stallUs: Int, windowUs: Int) {
        do {
            _ = try PSITrigger(path: "/nonexistent/memory.pressure", stallUs: stallUs, windowUs: windowUs)
            Issue.record("expected a refusal")
        } catch {
            guard case .invalidArgument = error else {
                Issue.record("expected invalidArgument, got \(error)")
                return
            }
        }
    }

    @Test func socketAddressMustBeAbsoluteOrAbstractAndFit() throws {
        #expect(throws: LinuxSysError.self) { _ = try UnixSocketAddress("run/notify") }
        #expect(throws: LinuxSysError.self) { _ = try UnixSocketAddress("/" + String(repeating: "a", count: 107)) }
        _ = try UnixSocketAddress("/" + String(repeating: "a", count: 106))
        _ = try UnixSocketAddress("@" + String(repeating: "a", count: 107))
    }

    @Test func monotonicClockDoesNotGoBackwards() {
        let first = MonotonicClock.nowMs()
        let second = MonotonicClock.nowMs()
        #expect(first > 0)
        #expect(second >= first)
    }

    @Test func heapStatisticsCountALargeAllocationUntilItIsFreed() {
        let sizeBytes = 64 << 20
        let before = HeapStatistics.current()
        let block = UnsafeMutableRawPointer.allocate(byteCount: sizeBytes, alignment: 16)
        let during = HeapStatistics.current()
        block.deallocate()
        let after = HeapStatistics.current()
        // Other tests allocate and free concurrently, by far less than this block.
        #expect(during.allocatedBytes - before.allocatedBytes >= sizeBytes - (4 << 20))
        #expect(during.allocatedBytes - after.allocatedBytes >= sizeBytes - (4 << 20))
    }
}
