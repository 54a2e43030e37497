import Glibc

/// An exponentially weighted moving average whose memory is a time constant, not a sample
/// count: each value weighs `1 - exp(-Δt / τ)`, so samples taken every 50 ms or every second
/// give the same average of the same signal.
public struct MovingAverage: Sendable, Equatable {
    public let timeConstantSeconds: Double
    public private(set) var mean: Double = 0

    public init(timeConstantSeconds: Double) {
        self.timeConstantSeconds = timeConstantSeconds
    }

    /// Folds in `value`, observed over the last `elapsedSeconds`.
    public mutating func add(_ value: Double, elapsedSeconds: Double) {
        guard elapsedSeconds > 0, timeConstantSeconds > 0 else { return }
        let weight = 1 - exp(-elapsedSeconds / timeConstantSeconds)
        mean += weight * (value - mean)
    }
}
