import MemSense

/// Baseline: systemd-oomd's rule, act when memory PSI `full` avg10 is above a limit (percent).
///
/// It arms only once avg10 has been at or below the limit: avg10 carries over from earlier
/// activity on the node, and a value that was already high when watching began says nothing
/// about this target's pressure. Without PSI in the sample it never acts.
public struct PSIRule: Assessor {
    public var fullAvg10LimitPercent: Double
    private var isArmed = false

    public init(fullAvg10LimitPercent: Double = 10) {
        self.fullAvg10LimitPercent = fullAvg10LimitPercent
    }

    public mutating func assess(_ sample: Sample) -> Assessment {
        guard let full = sample.memoryPressure?.full else {
            return Assessment(tMs: sample.tMs, state: .ok, probability: 0)
        }
        guard isArmed, full.avg10 > fullAvg10LimitPercent else {
            if full.avg10 <= fullAvg10LimitPercent { isArmed = true }
            return Assessment(tMs: sample.tMs, state: .ok, probability: 0)
        }
        let reason = Reason(feature: .psiFullAvg10, value: full.avg10, contribution: 1)
        return Assessment(tMs: sample.tMs, state: .nearOOM, probability: 1, reasons: [reason])
    }
}
