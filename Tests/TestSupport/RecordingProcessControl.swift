import KillPolicy
import MemSense

/// A `ProcessControl` for tests: it records every call and plays scripted processes. By default a
/// process opens, takes every signal, exits at once on SIGTERM or SIGKILL, and supports
/// process_mrelease. Waits advance the clock, when one is given, by the time they take.
public struct RecordingProcessControl: ProcessControl {
    public typealias Handle = ProcessIdentity

    /// How one process behaves.
    public struct Script: Sendable {
        public var opening: Opening = .opened
        /// Thrown when a signal is sent to its handle.
        public var signalFailure: KillPolicyError?
        public var exitsOnTerminate = true
        public var exitsOnKill = true
        /// How long after the signal that ends it the process is gone.
        public var exitAfterMs: Int64 = 0

        public init(
            opening: Opening = .opened, signalFailure: KillPolicyError? = nil, exitsOnTerminate: Bool = true,
            exitsOnKill: Bool = true, exitAfterMs: Int64 = 0
        ) {
            self.opening = opening
            self.signalFailure = signalFailure
            self.exitsOnTerminate = exitsOnTerminate
            self.exitsOnKill = exitsOnKill
            self.exitAfterMs = exitAfterMs
        }
    }

    public enum Opening: Sendable {
        case opened
        case vanished
        case reused
        case refused(KillPolicyError)
    }

    public private(set) var actions: [ControlAction] = []
    public var scripts: [ProcessIdentity: Script] = [:]
    /// Thrown by every process-group and cgroup signal.
    public var groupSignalFailure: KillPolicyError?
    /// Thrown by process_mrelease (e.g. ENOSYS before Linux 5.15).
    public var memoryReleaseFailure: KillPolicyError?
    private let clock: ManualClock?
    private var received: [ProcessIdentity: [KillSignal]] = [:]

    public init(clock: ManualClock? = nil) {
        self.clock = clock
    }

    /// The signals delivered to a process through its handle, in order.
    public func signals(receivedBy identity: ProcessIdentity) -> [KillSignal] {
        received[identity] ?? []
    }

    private func script(_ identity: ProcessIdentity) -> Script {
        scripts[identity] ?? Script()
    }

    public mutating func openHandle(
        _ identity: ProcessIdentity
    ) throws(KillPolicyError) -> HandleOpening<ProcessIdentity> {
        actions.append(.open(identity))
        switch script(identity).opening {
        case .opened: return .opened(identity)
        case .vanished: return .vanished
        case .reused: return .reused
        case .refused(let error): throw error
        }
    }

    public mutating func send(_ signal: KillSignal, to handle: ProcessIdentity) throws(KillPolicyError) {
        actions.append(.signal(signal, handle))
        if let failure = script(handle).signalFailure { throw failure }
        received[handle, default: []].append(signal)
    }

    public mutating func send(_ signal: KillSignal, toProcessGroup id: Int32) throws(KillPolicyError) {
        actions.append(.signalProcessGroup(signal, id))
        if let groupSignalFailure { throw groupSignalFailure }
    }

    public mutating func send(_ signal: KillSignal, toCgroup path: String) throws(KillPolicyError) {
        actions.append(.signalCgroup(signal, path))
        if let groupSignalFailure { throw groupSignalFailure }
    }

    public mutating func releaseMemory(_ handle: ProcessIdentity) throws(KillPolicyError) {
        actions.append(.releaseMemory(handle))
        if let memoryReleaseFailure { throw memoryReleaseFailure }
    }

    /// Exits when a signal it yields to arrived and `exitAfterMs` fits in the timeout; the clock
    /// moves by the time until the exit, or by the whole timeout.
    public mutating func waitForExit(_ handle: ProcessIdentity, timeoutMs: Int64) -> Bool {
        actions.append(.waitForExit(handle, timeoutMs: timeoutMs))
        let script = script(handle)
        let signals = signals(receivedBy: handle)
        let yields =
            (signals.contains(.kill) && script.exitsOnKill) || (signals.contains(.terminate) && script.exitsOnTerminate)
        let exits = yields && script.exitAfterMs <= timeoutMs
        clock?.advance(byMs: exits ? script.exitAfterMs : timeoutMs)
        return exits
    }

    public mutating func closeHandle(_ handle: ProcessIdentity) {
        actions.append(.close(handle))
    }
}
