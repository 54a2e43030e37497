/// What a predictor or a baseline rule concluded about one target at one sample.
public struct Assessment: Sendable, Equatable {
    public var tMs: Int64
    public var state: AssessmentState
    /// Probability in 0...1 that the target is heading into the near-OOM livelock.
    public var probability: Double
    /// Why, largest contribution first; empty while the state is ok (a healthy tick builds nothing).
    public var reasons: [Reason]

    public init(tMs: Int64, state: AssessmentState, probability: Double, reasons: [Reason] = []) {
        self.tMs = tMs
        self.state = state
        self.probability = probability
        self.reasons = reasons
    }
}
