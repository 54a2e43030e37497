import LinuxSys
import TestSupport
import Testing

@Suite(.tags(.kernel), .enabled(if: KernelGate.shouldRun))
struct MemoryLockTests {
    @Test func lockMemoryLocksOnFaultAndUnlockUndoesIt() throws {
        defer { try? unlockMemory() }
        #expect(try lockMemory() == .onFault)
        let locked = try LiveFiles.statusValue("VmLck", in: LiveFiles.text("proc/self/status"))
        #expect(locked != nil && locked != "0 kB")
        try unlockMemory()
        #expect(try LiveFiles.statusValue("VmLck", in: LiveFiles.text("proc/self/status")) == "0 kB")
    }
}
