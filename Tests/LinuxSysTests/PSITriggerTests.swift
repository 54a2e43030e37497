import LinuxSys
import TestSupport
import Testing

@Suite(.tags(.kernel), .enabled(if: KernelGate.shouldRun))
struct PSITriggerTests {
    @Test func nodeMemoryTriggerRegistersAndPollsForPriorityEvents() throws {
        let trigger = try PSITrigger.nodeMemory(stallUs: 150_000, windowUs: 2_000_000)
        let path = trigger.path
        #expect(path == "/proc/pressure/memory")
        var set = PollSet()
        let token = try set.add(trigger.fileDescriptor, events: .priority)
        // Other work on the machine may stall on memory, so an event may or may not come; when
        // it does, it is the trigger's POLLPRI and never an error on the descriptor.
        let ready = try set.wait(timeoutMs: 50)
        if ready.contains(token) { #expect(set.returnedEvents(token) == .priority) }
    }

    @Test func subTwoSecondWindowNeedsCapSysResource() throws {
        if try LiveFiles.hasEffectiveCapability(24) {
            _ = try PSITrigger.nodeMemory(stallUs: 150_000, windowUs: 1_000_000)
        } else {
            #expect(
                throws: LinuxSysError.missingCapability(
                    operation: "write \"some 150000 1000000\" to /proc/pressure/memory",
                    capability: "CAP_SYS_RESOURCE",
                    errno: .invalidArgument
                )
            ) { _ = try PSITrigger.nodeMemory(stallUs: 150_000, windowUs: 1_000_000) }
        }
    }

    @Test func fullTriggerIsAccepted() throws {
        let trigger = try PSITrigger.nodeMemory(kind: .full, stallUs: 100_000, windowUs: 4_000_000)
        let fileDescriptor = trigger.fileDescriptor
        #expect(fileDescriptor >= 0)
    }
}
