/// The values the predictor derives from a target's samples; each rises with pressure except
/// the two headroom fractions, which fall.
public struct Features: Sendable, Equatable {
    /// Available memory now, fraction of total (the limit for a cgroup, not the node).
    public var headroomFraction: Double = 1
    /// The fill rate (fraction of total per second) kept up over the short and the long window.
    public var shortFillPerSecond: Double = 0
    public var longFillPerSecond: Double = 0
    /// `headroomFraction` minus each sustained fill rate times its horizon.
    public var projectedHeadroomFraction: Double = 1
    /// Smoothed max(refaults, major faults), fraction of total memory per second.
    public var faultsPerSecond: Double = 0
    /// Smoothed pages scanned by reclaim plus limit hits, fraction of total pages per second.
    public var reclaimPerSecond: Double = 0
    /// Smoothed memory PSI `full` share of wall time.
    public var stallShare: Double = 0

    public init() {}

    /// Seconds until available memory runs out at the faster of the two sustained fill rates;
    /// infinity while memory is not filling.
    public var timeToExhaustionSeconds: Double {
        let fillPerSecond = max(shortFillPerSecond, longFillPerSecond)
        return fillPerSecond > 0 ? max(0, headroomFraction) / fillPerSecond : .infinity
    }
}
