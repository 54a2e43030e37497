import LinuxSys
import TestSupport
import Testing

/// Serialized: locking is process-wide, so these tests must not overlap.
@Suite(.tags(.kernel), .enabled(if: KernelGate.shouldRun), .serialized)
struct MemoryLockTests {
    private func lockedKiB() throws -> Int {
        let value = try #require(try LiveFiles.statusValue("VmLck", in: LiveFiles.text("proc/self/status")))
        return try #require(Int(value.split(separator: " ")[0]))
    }

    @Test func lockMemoryLocksOnFaultAndUnlockUndoesIt() throws {
        defer { try? unlockMemory() }
        #expect(try lockMemory() == .onFault)
        #expect(try lockedKiB() > 0)
        try unlockMemory()
        #expect(try lockedKiB() == 0)
    }

    @Test func programImageHasAReadOnlySegmentHoldingThisTestAndAWritableOne() {
        let image = ProgramImage()
        let here = UInt(bitPattern: #dsohandle)
        #expect(image.segments.contains { $0.start <= here && here < $0.end })
        #expect(image.segments.contains { !$0.isWritable })
        #expect(image.segments.contains { $0.isWritable })
    }

    @Test func unlockingTheUntouchedPagesOfTheProgramLowersVmLck() throws {
        defer { try? unlockMemory() }
        let image = ProgramImage()
        #expect(try image.dropResidentPages() == .onFault)
        let before = try lockedKiB()
        let unlockedBytes = try image.unlockUntouchedPages()
        #expect(unlockedBytes > 0)
        // Less, not exactly less by the bytes unlocked: tests running alongside map memory too.
        #expect(try lockedKiB() < before)
    }
}
