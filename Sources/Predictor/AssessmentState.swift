/// How close a target is to the kernel's OOM killer, in rising order.
public enum AssessmentState: String, Sendable, Codable, CaseIterable, Comparable {
    case ok
    case warn
    case nearOOM = "near_oom"
    case critical

    /// Near-OOM and critical call for a kill; warn only for a closer look (a shorter tick).
    public var isActing: Bool { self >= .nearOOM }

    var rank: Int {
        switch self {
        case .ok: 0
        case .warn: 1
        case .nearOOM: 2
        case .critical: 3
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rank < rhs.rank }
}
