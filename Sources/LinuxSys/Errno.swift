import CLinuxSys
import Glibc

/// An error number set by a failed system call, with its symbolic name and message, so that a
/// log line reads `EACCES (permission denied)` rather than `errno 13`.
public struct Errno: Error, Hashable, Sendable, CustomStringConvertible {
    public let rawValue: Int32

    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// The symbolic name, such as `EACCES`; `errno 123` for a value the shim does not list.
    public var name: String {
        clinuxsys_errno_name(rawValue).map { String(cString: $0) } ?? "errno \(rawValue)"
    }

    /// The C library's message in lower case, such as `permission denied`.
    public var message: String {
        guard let text = strerror(rawValue) else { return "unknown error" }
        return String(cString: text).lowercased()
    }

    public var description: String { "\(name) (\(message))" }

    /// EPERM.
    public static let notPermitted = Errno(rawValue: EPERM)
    /// ENOENT.
    public static let noSuchFileOrDirectory = Errno(rawValue: ENOENT)
    /// ESRCH: the process is gone (or, for process_mrelease, its memory is already gone).
    public static let noSuchProcess = Errno(rawValue: ESRCH)
    /// EINTR.
    public static let interrupted = Errno(rawValue: EINTR)
    /// EAGAIN: nothing to read yet on a non-blocking descriptor.
    public static let wouldBlock = Errno(rawValue: EAGAIN)
    /// EACCES.
    public static let permissionDenied = Errno(rawValue: EACCES)
    /// EBUSY.
    public static let resourceBusy = Errno(rawValue: EBUSY)
    /// EINVAL.
    public static let invalidArgument = Errno(rawValue: EINVAL)
    /// ENOSYS: the running kernel does not have the call.
    public static let noFunction = Errno(rawValue: ENOSYS)
    /// EOPNOTSUPP: the kernel has the call but the feature is off (e.g. PSI disabled at boot).
    public static let notSupported = Errno(rawValue: EOPNOTSUPP)
}
