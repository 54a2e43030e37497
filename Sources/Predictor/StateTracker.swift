/// The state machine behind an assessment: steps up as soon as the probability reaches a state's
/// enter threshold, steps down only below its (lower) leave threshold and after the state has
/// been held for the minimum dwell, so a signal hovering at a threshold does not flap.
struct StateTracker {
    private(set) var state: AssessmentState = .ok
    private var sinceMs: Int64 = 0
    private static let raisedStates: [AssessmentState] = [.warn, .nearOOM, .critical]

    mutating func update(probability: Double, tMs: Int64, thresholds: PresetThresholds) -> AssessmentState {
        var target = AssessmentState.ok
        for candidate in Self.raisedStates {
            let (enter, leave) = thresholds.probabilities(of: candidate)
            if probability >= enter || (candidate <= state && probability >= leave) { target = candidate }
        }
        if target > state || (target < state && tMs - sinceMs >= thresholds.minimumDwellMs) {
            state = target
            sinceMs = tMs
        }
        return state
    }
}
