import CLinuxSys
import Glibc

/// A signal number, named for logs (`SIGKILL`).
public struct Signal: Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32

    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    public var description: String {
        clinuxsys_signal_name(rawValue).map { String(cString: $0) } ?? "signal \(rawValue)"
    }

    public static let hangUp = Signal(rawValue: SIGHUP)
    public static let interrupt = Signal(rawValue: SIGINT)
    public static let kill = Signal(rawValue: SIGKILL)
    public static let terminate = Signal(rawValue: SIGTERM)
    public static let brokenPipe = Signal(rawValue: SIGPIPE)
}

/// Discards `signal` from now on, e.g. SIGPIPE, so that a write to a closed pipe or socket
/// (a reader of the daemon's standard output gone) fails with EPIPE instead of ending the daemon.
/// The corresponding C function is `sigaction` with `SIG_IGN`.
public func ignore(_ signal: Signal) throws(LinuxSysError) {
    _ = try checked("sigaction(\(signal), SIG_IGN)") { system_ignore_signal(signal.rawValue) }
}

/// Sends `signal` to the process `pid` with kill(2): the fallback for kernels without pidfds
/// (`PIDFD.open` threw `.unsupported`), where a pid may have been reused since it was chosen.
///
/// A `pid` of 0 or below would signal a process group or every process, so it is refused.
/// The corresponding C function is `kill`.
public func send(signal: Signal, to pid: Int32) throws(LinuxSysError) {
    guard pid > 0 else {
        throw .invalidArgument(operation: "kill(\(pid), \(signal))", reason: "pid must be positive")
    }
    _ = try checked("kill(\(pid), \(signal))") { system_kill(pid, signal.rawValue) }
}

/// Sends `signal` to every process of the process group `id` with kill(-id): a job-style
/// workload killed together with its victim.
///
/// An `id` of 1 or below is refused: kill(0) would signal the caller's own group, kill(-1) every
/// process it may signal. The corresponding C function is `kill`.
public func send(signal: Signal, toProcessGroup id: Int32) throws(LinuxSysError) {
    guard id > 1 else {
        throw .invalidArgument(operation: "kill(-\(id), \(signal))", reason: "process group must be above 1")
    }
    _ = try checked("kill(-\(id), \(signal))") { system_kill(-id, signal.rawValue) }
}
