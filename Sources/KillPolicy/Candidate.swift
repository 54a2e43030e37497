import MemSense

/// A process that may be killed, with its place in the order and why.
public struct Candidate: Equatable, Sendable {
    /// The lists a process can be on, in kill order.
    public enum Tier: Int, Comparable, Sendable {
        case preferred
        case normal
        case avoided

        public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
    }

    public var process: ProcessSnapshot
    public var tier: Tier
    public var score: Double
    /// For people: `prefer: comm=chrome`, `oom_score_adj 300`, `freeable 512 MiB (125‰)`.
    public var reasons: [String]

    /// The total order of a ranking: tier, then higher score, then more freeable bytes, then
    /// lower PID, then earlier start. Distinct processes never compare equal.
    static func precedes(_ lhs: Self, _ rhs: Self) -> Bool {
        if lhs.tier != rhs.tier { return lhs.tier < rhs.tier }
        if lhs.score != rhs.score { return lhs.score > rhs.score }
        let (left, right) = (lhs.process, rhs.process)
        if left.freeableBytes != right.freeableBytes { return left.freeableBytes > right.freeableBytes }
        if left.pid != right.pid { return left.pid < right.pid }
        return left.identity.startTimeTicks < right.identity.startTimeTicks
    }
}
