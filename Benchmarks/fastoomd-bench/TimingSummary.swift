/// The median and the 99th percentile of a set of timings, printed in microseconds.
struct TimingSummary {
    let count: Int
    let medianNs: UInt64
    let p99Ns: UInt64

    init(_ timingsNs: [UInt64]) {
        let sorted = timingsNs.sorted()
        count = sorted.count
        medianNs = Self.percentile(0.5, of: sorted)
        p99Ns = Self.percentile(0.99, of: sorted)
    }

    /// The nearest-rank percentile `fraction` (0...1) of `sorted`.
    private static func percentile(_ fraction: Double, of sorted: [UInt64]) -> UInt64 {
        guard !sorted.isEmpty else { return 0 }
        return sorted[Int((Double(sorted.count - 1) * fraction).rounded())]
    }

    var description: String {
        "median \(Self.microseconds(medianNs)) µs, p99 \(Self.microseconds(p99Ns)) µs (n=\(count))"
    }

    /// `ns` in µs with one decimal.
    static func microseconds(_ ns: UInt64) -> String {
        let tenths = (ns + 50) / 100
        return "\(tenths / 10).\(tenths % 10)"
    }
}
