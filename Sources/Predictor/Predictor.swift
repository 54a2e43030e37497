import MemSense

/// The near-OOM assessment of one target (the node or one memory cgroup), one sample at a time.
///
/// It sees the livelock coming from two directions: memory running out (headroom low, or a fill
/// that has lasted long enough to be a trend projecting it to zero soon) and memory thrashing
/// while short (refaults, reclaim, stalls, counted only when headroom is low, so a busy machine
/// full of clean page cache is left alone). The terms add up to a logit (see `PredictorWeights`);
/// states follow the probability with hysteresis (see `StateTracker`).
///
/// No I/O and no clock: time is `Sample.tMs`. Irregular intervals are fine, every average and
/// window is in seconds. A tick in state ok allocates nothing.
public struct Predictor: Assessor {
    public let weights: PredictorWeights
    public let thresholds: PresetThresholds
    private let pageSizeBytes: Double
    private var shortFill: SustainedRate
    private var longFill: SustainedRate
    private var faults: MovingAverage
    private var reclaim: MovingAverage
    private var stall: MovingAverage
    private var previous: (tMs: Int64, availableBytes: UInt64)?
    private var tracker = StateTracker()
    /// The features of the last assessed sample.
    public private(set) var features = Features()

    public init(config: PredictorConfig = PredictorConfig(), preset: PredictorConfig.Preset? = nil) {
        weights = config.weights
        thresholds = config.thresholds(of: preset ?? config.preset)
        pageSizeBytes = Double(max(1, config.pageSizeBytes))
        shortFill = SustainedRate(windowSeconds: weights.shortFillWindowSeconds, capacity: 64)
        longFill = SustainedRate(windowSeconds: weights.longFillWindowSeconds, capacity: 256)
        faults = MovingAverage(timeConstantSeconds: weights.faultsTimeConstantSeconds)
        reclaim = MovingAverage(timeConstantSeconds: weights.reclaimTimeConstantSeconds)
        stall = MovingAverage(timeConstantSeconds: weights.stallTimeConstantSeconds)
    }

    public mutating func assess(_ sample: Sample) -> Assessment {
        update(with: sample)
        let terms = Contributions(of: features, weights: weights)
        let probability = terms.probability
        let state = tracker.update(probability: probability, tMs: sample.tMs, thresholds: thresholds)
        let reasons = state == .ok ? [] : terms.reasons(for: features)
        return Assessment(tMs: sample.tMs, state: state, probability: probability, reasons: reasons)
    }

    private mutating func update(with sample: Sample) {
        let totalBytes = Double(sample.totalBytes)
        features.headroomFraction = sample.availableFraction
        let nowSeconds = Double(sample.tMs) / 1000
        let isNewer = previous.map { sample.tMs > $0.tMs } ?? true
        if let previous, isNewer, totalBytes > 0 {
            let seconds = Double(sample.tMs - previous.tMs) / 1000
            let fill = (Double(previous.availableBytes) - Double(sample.availableBytes)) / totalBytes / seconds
            features.shortFillPerSecond = shortFill.add(rate: fill, durationSeconds: seconds, endSeconds: nowSeconds)
            features.longFillPerSecond = longFill.add(rate: fill, durationSeconds: seconds, endSeconds: nowSeconds)
        }
        if isNewer { previous = (sample.tMs, sample.availableBytes) }
        features.projectedHeadroomFraction =
            features.headroomFraction - weights.shortFillHorizonSeconds * features.shortFillPerSecond
            - weights.longFillHorizonSeconds * features.longFillPerSecond
        guard let rates = sample.rates, rates.intervalMs > 0, totalBytes > 0 else { return }
        let seconds = Double(rates.intervalMs) / 1000
        let totalPages = totalBytes / pageSizeBytes
        let faultPages = max(rates.refaultsPerSecond, rates.majorFaultsPerSecond)
        faults.add(faultPages / totalPages, elapsedSeconds: seconds)
        let reclaimPages = rates.scanKswapdPerSecond + rates.scanDirectPerSecond + rates.limitHitsPerSecond
        reclaim.add(reclaimPages / totalPages, elapsedSeconds: seconds)
        stall.add(rates.memoryFullStallShare, elapsedSeconds: seconds)
        features.faultsPerSecond = faults.mean
        features.reclaimPerSecond = reclaim.mean
        features.stallShare = stall.mean
    }
}
