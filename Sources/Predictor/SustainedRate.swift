/// The rate a signal has kept up over a time window: the largest rate `r` such that the
/// per-interval rate was at least `r` for half of the window (a duration-weighted upper median).
///
/// Why not an average or a regression slope: one allocation of 90 % of memory that lands within
/// two or three samples (a burst that then holds) would read as a steep fill for as long as it
/// stays in the window, and a prediction of exhaustion from it cries wolf. A fill that goes on
/// (a leak, a ramp) reads its rate once it has lasted half the window. Time not yet observed
/// counts as no fill, so a fresh start does not extrapolate from one interval. The result is
/// capped by the net rate over the window, so a signal that zig-zags and goes nowhere reads 0.
///
/// Storage is a fixed ring allocated once; when it is full the two oldest intervals merge into
/// one (their duration-weighted mean), so the window stays covered at any sampling rate.
public struct SustainedRate: Sendable {
    public let windowSeconds: Double
    private var ends: [Double]
    private var durations: [Double]
    private var rates: [Double]
    private var head = 0
    private var count = 0

    public init(windowSeconds: Double, capacity: Int = 64) {
        self.windowSeconds = windowSeconds
        let size = max(2, capacity)
        ends = Array(repeating: 0, count: size)
        durations = Array(repeating: 0, count: size)
        rates = Array(repeating: 0, count: size)
    }

    /// Adds the rate observed over an interval of `durationSeconds` that ended at `endSeconds`
    /// and returns the sustained rate (never negative).
    public mutating func add(rate: Double, durationSeconds: Double, endSeconds: Double) -> Double {
        guard durationSeconds > 0 else { return value(at: endSeconds) }
        if count == ends.count { mergeOldestTwo() }
        let slot = (head + count) % ends.count
        ends[slot] = endSeconds
        durations[slot] = durationSeconds
        rates[slot] = rate
        count += 1
        return value(at: endSeconds)
    }

    /// The sustained rate over the window that ends at `nowSeconds`.
    public mutating func value(at nowSeconds: Double) -> Double {
        let start = nowSeconds - windowSeconds
        while count > 0 && ends[head] <= start {
            head = (head + 1) % ends.count
            count -= 1
        }
        let needed = windowSeconds / 2
        var netChange = 0.0
        for i in 0..<count {
            let slot = (head + i) % ends.count
            netChange += rates[slot] * min(durations[slot], ends[slot] - start)
        }
        var best = 0.0
        for i in 0..<count {
            let candidate = rates[(head + i) % ends.count]
            guard candidate > best else { continue }
            var covered = 0.0
            for j in 0..<count {
                let slot = (head + j) % ends.count
                if rates[slot] >= candidate { covered += min(durations[slot], ends[slot] - start) }
            }
            if covered >= needed - 1e-9 { best = candidate }
        }
        return min(best, max(0, netChange / windowSeconds))
    }

    private mutating func mergeOldestTwo() {
        let first = head
        let second = (head + 1) % ends.count
        let total = durations[first] + durations[second]
        rates[second] = (rates[first] * durations[first] + rates[second] * durations[second]) / total
        durations[second] = total
        head = second
        count -= 1
    }
}
