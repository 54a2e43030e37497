import LinuxSys
import TestSupport
import Testing

@Suite(.tags(.kernel), .enabled(if: KernelGate.shouldRun))
struct MemoryThresholdListenerTests {
    @Test func thresholdFiresWhenAHogCrossesItAndNotBefore() throws {
        let group = try TestCgroup(limitBytes: 128 << 20)
        defer { group.destroy() }
        let listener = try MemoryThresholdListener(cgroupDirectory: group.directory, thresholdBytes: 32 << 20)
        #expect(listener.thresholdBytes == 32 << 20)
        var set = PollSet()
        let token = try set.add(listener.fileDescriptor, events: .readable)
        #expect(try set.wait(timeoutMs: 0).contains(token) == false)
        #expect(try listener.consume() == 0)
        let hog = try group.spawn(MemoryHog(megabytes: 64))
        #expect(try hog.readLine(timeoutMs: 10_000) == MemoryHog.readyLine)
        #expect(try set.wait(timeoutMs: 5_000).contains(token))
        #expect(try listener.consume() >= 1)
    }

    @Test func thresholdOnAMissingCgroupIsGone() throws {
        let group = try TestCgroup(limitBytes: 64 << 20)
        group.destroy()
        do {
            _ = try MemoryThresholdListener(cgroupDirectory: group.directory, thresholdBytes: 1 << 20)
            Issue.record("expected ENOENT")
        } catch {
            #expect(error.isGone, "\(error)")
        }
    }
}
