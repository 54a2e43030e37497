import MemSense

/// Baseline: earlyoom's rule, act when available memory is at or below a fixed fraction of total.
/// Replay runs it beside the predictor to compare lead times; it cries wolf on a burst that
/// holds just above the limit (burst-free).
public struct EarlyOOMRule: Assessor {
    public var availableFractionLimit: Double

    public init(availableFractionLimit: Double = 0.10) {
        self.availableFractionLimit = availableFractionLimit
    }

    public mutating func assess(_ sample: Sample) -> Assessment {
        let headroom = sample.availableFraction
        guard headroom <= availableFractionLimit else {
            return Assessment(tMs: sample.tMs, state: .ok, probability: 0)
        }
        let reason = Reason(feature: .headroom, value: headroom, contribution: 1)
        return Assessment(tMs: sample.tMs, state: .nearOOM, probability: 1, reasons: [reason])
    }
}
