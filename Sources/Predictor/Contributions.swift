import Glibc

/// The terms of the predictor's logit for one set of features (see `PredictorWeights`).
struct Contributions {
    var deficit = 0.0
    var exhaustion = 0.0
    var faults = 0.0
    var reclaim = 0.0
    var stall = 0.0
    var logit = 0.0

    init(of features: Features, weights: PredictorWeights) {
        let headroom = features.headroomFraction
        deficit = weights.deficitWeight * Self.clamped(1 - headroom / weights.headroomReferenceFraction)
        exhaustion =
            weights.exhaustionWeight
            * Self.clamped(1 - features.projectedHeadroomFraction / weights.exhaustionReferenceFraction)
        let gate = Self.clamped(1 - headroom / weights.thrashGateHeadroomFraction)
        faults = gate * weights.faultsWeight * Self.saturated(features.faultsPerSecond, weights.faultsHalfSaturation)
        reclaim =
            gate * weights.reclaimWeight * Self.saturated(features.reclaimPerSecond, weights.reclaimHalfSaturation)
        stall = gate * weights.stallWeight * Self.saturated(features.stallShare, weights.stallHalfSaturation)
        logit = weights.bias + deficit + exhaustion + faults + reclaim + stall
    }

    var probability: Double { 1 / (1 + exp(-logit)) }

    /// The terms that added something, largest first. Allocates: call it only off the healthy path.
    func reasons(for features: Features) -> [Reason] {
        let all = [
            Reason(feature: .headroom, value: features.headroomFraction, contribution: deficit),
            Reason(feature: .exhaustion, value: features.projectedHeadroomFraction, contribution: exhaustion),
            Reason(feature: .faults, value: features.faultsPerSecond, contribution: faults),
            Reason(feature: .reclaim, value: features.reclaimPerSecond, contribution: reclaim),
            Reason(feature: .stall, value: features.stallShare, contribution: stall),
        ]
        return all.filter { $0.contribution > 0 }.sorted { $0.contribution > $1.contribution }
    }

    /// Clamped to 0...1; NaN reads as 0.
    static func clamped(_ value: Double) -> Double {
        value > 0 ? min(1, value) : 0
    }

    /// x / (x + half): 0 at 0, one half at `half`, approaching 1.
    static func saturated(_ value: Double, _ half: Double) -> Double {
        value > 0 ? value / (value + half) : 0
    }
}
