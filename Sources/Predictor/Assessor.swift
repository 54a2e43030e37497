import MemSense

/// Anything that turns samples of one target into assessments: the predictor and the baseline
/// rules, so that replay can run them side by side.
public protocol Assessor {
    mutating func assess(_ sample: Sample) -> Assessment
}
