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
