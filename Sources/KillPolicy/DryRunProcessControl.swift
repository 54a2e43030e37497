import MemSense

/// A `ProcessControl` that records what it would have done and sends nothing, for
/// `--dry-run`. Opening always succeeds (the table was just read; liveness is not checked),
/// and no process ever exits, so a SIGTERM plan shows the SIGKILL that would follow it.
public struct DryRunProcessControl: ProcessControl {
    public private(set) var actions: [ControlAction] = []

    public init() {}

    public mutating func openHandle(_ identity: ProcessIdentity) -> HandleOpening<ProcessIdentity> {
        actions.append(.open(identity))
        return .opened(identity)
    }

    public mutating func send(_ signal: KillSignal, to handle: ProcessIdentity) {
        actions.append(.signal(signal, handle))
    }

    public mutating func send(_ signal: KillSignal, toProcessGroup id: Int32) {
        actions.append(.signalProcessGroup(signal, id))
    }

    public mutating func send(_ signal: KillSignal, toCgroup path: String) {
        actions.append(.signalCgroup(signal, path))
    }

    public mutating func releaseMemory(_ handle: ProcessIdentity) {
        actions.append(.releaseMemory(handle))
    }

    /// Returns at once: nothing was signalled, so nothing exits, and a dry run must not stall.
    public mutating func waitForExit(_ handle: ProcessIdentity, timeoutMs: Int64) -> Bool {
        actions.append(.waitForExit(handle, timeoutMs: timeoutMs))
        return false
    }

    public mutating func closeHandle(_ handle: ProcessIdentity) {
        actions.append(.close(handle))
    }
}
