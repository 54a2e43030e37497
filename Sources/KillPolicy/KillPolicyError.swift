import MemSense

/// Every error KillPolicy reports: a policy section that failed validation (with every problem,
/// not just the first), or a process-control operation the kernel refused.
public enum KillPolicyError: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidConfig([ConfigIssue])
    /// `operation` names the call (`pidfd_open`, `pidfd_send_signal`, `process_mrelease`...).
    case controlFailed(operation: String, errno: Int32)

    public var description: String {
        switch self {
        case .invalidConfig(let issues):
            "invalid policy (\(issues.count) problems):\n" + issues.map { "  \($0)" }.joined(separator: "\n")
        case .controlFailed(let operation, let errno):
            "\(operation) failed: errno \(errno)"
        }
    }
}
