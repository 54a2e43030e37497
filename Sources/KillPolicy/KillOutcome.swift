import MemSense

/// What one kill sequence came to. Each case is an event for the log; `overBudget` is an error
/// event, after which the kernel's OOM killer is left to act.
public enum KillOutcome: Equatable, Sendable {
    case killed(KillReport)
    /// Memory came back before any signal; nothing was killed.
    case recovered(availableBytes: UInt64, skipped: [SkippedCandidate])
    case coolingDown(untilMs: Int64)
    case overBudget(kills: Int, windowMs: Int64, untilMs: Int64)
    /// Every candidate vanished, changed identity or could not be signalled (or there were none).
    case noVictim(skipped: [SkippedCandidate])
}

/// A candidate the sequence passed over, and why.
public struct SkippedCandidate: Equatable, Sendable {
    public enum Reason: Equatable, Sendable {
        case vanished
        /// Its PID belongs to another process now.
        case identityChanged
        case failed(KillPolicyError)
    }

    public var identity: ProcessIdentity
    public var comm: String
    public var reason: Reason

    public init(identity: ProcessIdentity, comm: String, reason: Reason) {
        self.identity = identity
        self.comm = comm
        self.reason = reason
    }
}
