/// Every error LinuxSys throws. Each case names the operation, i.e. the call and what it acted
/// on (`pidfd_open(1234)`, `write /proc/1234/oom_score_adj`), so that a message says what failed.
public enum LinuxSysError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The call failed with `errno`.
    case failed(operation: String, errno: Errno)
    /// The running kernel lacks the call or the feature (ENOSYS, EOPNOTSUPP); the caller falls
    /// back, e.g. from a pidfd to kill(2).
    case unsupported(operation: String, errno: Errno)
    /// The kernel refused because this process lacks `capability`, e.g. lowering oom_score_adj
    /// without `CAP_SYS_RESOURCE`.
    case missingCapability(operation: String, capability: String, errno: Errno)
    /// An argument the kernel would reject (or misread), refused before calling.
    case invalidArgument(operation: String, reason: String)

    /// The error of `operation` failing with `errno`: ENOSYS and EOPNOTSUPP are `.unsupported`.
    init(_ operation: String, _ errno: Errno) {
        switch errno {
        case .noFunction, .notSupported: self = .unsupported(operation: operation, errno: errno)
        default: self = .failed(operation: operation, errno: errno)
        }
    }

    /// The errno the kernel returned, if the call was made.
    public var errno: Errno? {
        switch self {
        case .failed(_, let errno), .unsupported(_, let errno), .missingCapability(_, _, let errno): errno
        case .invalidArgument: nil
        }
    }

    /// Whether the process or cgroup acted on is gone (ESRCH, or ENOENT for its /proc or cgroup
    /// file): an outcome for a killer, not a failure.
    public var isGone: Bool {
        errno == .noSuchProcess || errno == .noSuchFileOrDirectory
    }

    public var description: String {
        switch self {
        case .failed(let operation, let errno): "\(operation): \(errno)"
        case .unsupported(let operation, let errno): "\(operation): not supported by this kernel, \(errno)"
        case .missingCapability(let operation, let capability, let errno):
            "\(operation): \(errno); this process lacks \(capability)"
        case .invalidArgument(let operation, let reason): "\(operation): \(reason)"
        }
    }
}
