import Glibc
import TestSupport
import Testing

@Suite(.tags(.kernel), .enabled(if: KernelGate.shouldRun))
struct TestCgroupTests {
    @Test func groupIsCreatedUnderOurOwnMemoryCgroupWithItsLimit() throws {
        let group = try TestCgroup(limitBytes: 256 << 20)
        defer { group.destroy() }
        let parent = try TestCgroup.parentDirectory()
        #expect(group.directory.hasPrefix(parent + "/fastoomd-test-\(getpid())-"))
        #expect(try LiveFiles.text(group.directory + "/memory.limit_in_bytes") == "\(256 << 20)\n")
        #expect(try group.processIDs().isEmpty)
    }

    @Test func limitAboveOneGiBIsRefused() {
        #expect(throws: TestRigError.self) { _ = try TestCgroup(limitBytes: (1 << 30) + 1) }
    }

    @Test func destroyKillsTheGroupsTasksAndRemovesIt() throws {
        let group = try TestCgroup(limitBytes: 64 << 20)
        defer { group.destroy() }
        let child = try group.spawn(["sleep", "60"])
        #expect(try child.readLine(timeoutMs: 0) == nil)
        var inGroup = false
        for _ in 0..<200 where !inGroup {
            inGroup = try group.processIDs() == [child.pid]
            if !inGroup { usleep(10_000) }
        }
        #expect(inGroup)
        group.destroy()
        #expect(access(group.directory, F_OK) != 0)
        #expect(child.reap(timeoutMs: 0) == .killed(.kill))
    }

    @Test func hogWithinTheLimitHoldsItsMemory() throws {
        let group = try TestCgroup(limitBytes: 128 << 20)
        defer { group.destroy() }
        let hog = try group.spawn(MemoryHog(megabytes: 32))
        #expect(try hog.readLine(timeoutMs: 30_000) == MemoryHog.readyLine)
        #expect(try group.usageBytes() >= 32 << 20)
        #expect(try group.oomKillCount() == 0)
        hog.closeStdin()
        #expect(hog.reap(timeoutMs: 10_000) == .exited(code: 0))
    }

    @Test func hogAboveTheLimitIsKilledByTheKernelAndCounted() throws {
        let group = try TestCgroup(limitBytes: 64 << 20)
        defer { group.destroy() }
        let hog = try group.spawn(MemoryHog(megabytes: 128))
        #expect(try hog.readLine(timeoutMs: 30_000) == nil)
        #expect(hog.reap(timeoutMs: 10_000) == .killed(.kill))
        #expect(try group.oomKillCount() == 1)
    }
}
