/// One thing that pushed the probability up: which feature, its value, and what it added to the
/// logit (for the baseline rules, 1 for the value that decided).
public struct Reason: Sendable, Equatable, Codable {
    public enum Feature: String, Sendable, Codable, CaseIterable {
        /// Available memory now, fraction of total.
        case headroom
        /// Available memory projected from the sustained fill rates, fraction of total.
        case exhaustion
        /// Refaults or major faults, fraction of total memory per second.
        case faults
        /// Pages scanned by reclaim plus cgroup limit hits, fraction of total pages per second.
        case reclaim
        /// Memory PSI `full` share of wall time (0...1).
        case stall
        /// Memory PSI `full` avg10, percent (the PSI baseline rule).
        case psiFullAvg10 = "psi_full_avg10"
    }

    public var feature: Feature
    public var value: Double
    public var contribution: Double

    public init(feature: Feature, value: Double, contribution: Double) {
        self.feature = feature
        self.value = value
        self.contribution = contribution
    }
}
