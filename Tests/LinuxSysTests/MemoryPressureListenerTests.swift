import LinuxSys
import TestSupport
import Testing

@Suite(.tags(.kernel), .enabled(if: KernelGate.shouldRun))
struct MemoryPressureListenerTests {
    @Test(
        arguments: [
            (MemoryPressureListener.Level.low, nil), (.medium, .hierarchy), (.critical, .local),
        ] as [(MemoryPressureListener.Level, MemoryPressureListener.Mode?)])
    func listenerRegistersOnATestCgroup(level: MemoryPressureListener.Level, mode: MemoryPressureListener.Mode?) throws
    {
        let group = try TestCgroup(limitBytes: 64 << 20)
        defer { group.destroy() }
        let listener = try MemoryPressureListener(cgroupDirectory: group.directory, level: level, mode: mode)
        var set = PollSet()
        let token = try set.add(listener.fileDescriptor, events: .readable)
        #expect(try set.wait(timeoutMs: 0).contains(token) == false)
        let notifications = try listener.consume()
        #expect(notifications == 0)
    }

    @Test func listenerOnAMissingCgroupIsGone() throws {
        let group = try TestCgroup(limitBytes: 64 << 20)
        group.destroy()
        do {
            _ = try MemoryPressureListener(cgroupDirectory: group.directory, level: .low)
            Issue.record("expected ENOENT")
        } catch {
            #expect(error.isGone, "\(error)")
        }
    }
}
