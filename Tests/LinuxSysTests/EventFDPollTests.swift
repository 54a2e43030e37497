import LinuxSys
import TestSupport
import Testing

@Suite(.tags(.kernel), .enabled(if: KernelGate.shouldRun))
struct EventFDPollTests {
    @Test func pollReportsOnlyTheSignalledEventFD() throws {
        let quiet = try EventFD()
        let busy = try EventFD()
        var set = PollSet()
        let quietToken = try set.add(quiet.fileDescriptor, events: .readable)
        let busyToken = try set.add(busy.fileDescriptor, events: .readable)

        #expect(try set.wait(timeoutMs: 0).isEmpty)

        try busy.signal()
        try busy.signal(2)
        let ready = try set.wait(timeoutMs: 1000)
        #expect(ready.contains(busyToken))
        #expect(!ready.contains(quietToken))
        #expect(set.returnedEvents(busyToken) == .readable)
        let first = try busy.consume()
        let second = try busy.consume()
        #expect(first == 3)
        #expect(second == 0)
        #expect(try set.wait(timeoutMs: 0).isEmpty)
    }

    @Test func pollSetHoldsAtMostSixtyFourDescriptors() throws {
        let event = try EventFD()
        var set = PollSet()
        for _ in 0..<PollSet.capacity { _ = try set.add(event.fileDescriptor, events: .readable) }
        #expect(throws: LinuxSysError.self) { _ = try set.add(event.fileDescriptor, events: .readable) }
    }
}
