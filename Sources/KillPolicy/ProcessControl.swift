import MemSense

/// The signals a kill sequence sends, with their Linux numbers.
public enum KillSignal: Int32, Sendable {
    case terminate = 15
    case kill = 9
}

/// What opening a handle on a process found.
public enum HandleOpening<Handle> {
    case opened(Handle)
    /// No process with that PID any more.
    case vanished
    /// The PID now belongs to another process (a different start time).
    case reused
}

/// The side effects of a kill, behind a protocol so that the sequence stays pure: the real
/// conformer (pidfd_open, pidfd_send_signal, process_mrelease, poll) is wired in the
/// executable, `DryRunProcessControl` records and sends nothing, and tests record.
public protocol ProcessControl {
    associatedtype Handle

    /// Opens a handle (a pidfd) on `identity` and checks that the PID still has its start time.
    mutating func openHandle(_ identity: ProcessIdentity) throws(KillPolicyError) -> HandleOpening<Handle>
    mutating func send(_ signal: KillSignal, to handle: Handle) throws(KillPolicyError)
    /// Signals every process of a process group (`kill(-id, signal)`).
    mutating func send(_ signal: KillSignal, toProcessGroup id: Int32) throws(KillPolicyError)
    /// Signals every process of a memory cgroup (cgroup.kill, or each PID of cgroup.procs).
    mutating func send(_ signal: KillSignal, toCgroup path: String) throws(KillPolicyError)
    /// Frees the memory of a process that SIGKILL is taking down (process_mrelease), without
    /// waiting for its exit. Only valid after SIGKILL.
    mutating func releaseMemory(_ handle: Handle) throws(KillPolicyError)
    /// Waits at most `timeoutMs` for the process to exit; true if it did.
    mutating func waitForExit(_ handle: Handle, timeoutMs: Int64) throws(KillPolicyError) -> Bool
    mutating func closeHandle(_ handle: Handle)
}
