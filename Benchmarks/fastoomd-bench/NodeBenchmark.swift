import MemSense

/// Times one full node sample (`NodeSampler.sample`: meminfo, vmstat, stat and the three PSI
/// files, read and parsed) against the bare system calls that read the same six files.
///
/// The variants take turns in rounds, so that a burst of load on the shared machine touches
/// all of them alike.
struct NodeBenchmark {
    let procRoot: String
    let ticksPerVariant: Int
    let rounds = 20

    func run() throws(BenchmarkError) {
        let sampler: NodeSampler
        do {
            sampler = try NodeSampler(source: DirectorySource(procRoot: procRoot))
        } catch {
            throw .sampling(error)
        }
        let raw = try RawNodeReads(procRoot: procRoot)
        var tMs: Int64 = 0
        var checksum: UInt64 = 0
        func sampleOnce() throws(BenchmarkError) {
            tMs += 50
            do { checksum &+= try sampler.sample(at: tMs).availableBytes } catch { throw .sampling(error) }
        }
        for _ in 0..<100 {
            try sampleOnce()
            raw.openReadClose()
            raw.preadUntilEnd()
        }

        var sampleNs: [UInt64] = []
        var openReadCloseNs: [UInt64] = []
        var preadUntilEndNs: [UInt64] = []
        var preadOnceNs: [UInt64] = []
        let perRound = max(1, ticksPerVariant / rounds)
        for _ in 0..<rounds {
            for _ in 0..<perRound {
                sampleNs.append(try MonotonicClock.measureNs { () throws(BenchmarkError) in try sampleOnce() })
            }
            for _ in 0..<perRound { openReadCloseNs.append(MonotonicClock.measureNs(raw.openReadClose)) }
            for _ in 0..<perRound { preadUntilEndNs.append(MonotonicClock.measureNs(raw.preadUntilEnd)) }
            for _ in 0..<perRound { preadOnceNs.append(MonotonicClock.measureNs(raw.preadOnce)) }
        }

        let sample = TimingSummary(sampleNs)
        let openReadClose = TimingSummary(openReadCloseNs)
        let preadUntilEnd = TimingSummary(preadUntilEndNs)
        let preadOnce = TimingSummary(preadOnceNs)
        print("files: \(RawNodeReads.relativePaths.map { procRoot + "/" + $0 }.joined(separator: " "))")
        print("node sample (NodeSampler, kept-open fds, pread to EOF, parse): \(sample.description)")
        print("raw pread to EOF of the 6 kept-open fds (like with like):      \(preadUntilEnd.description)")
        print("raw single pread of the 6 kept-open fds (floor):               \(preadOnce.description)")
        print("raw open + read to EOF + close of the 6 files:                 \(openReadClose.description)")
        print("ratio sample / raw pread to EOF, kept open: \(Self.ratio(sample, preadUntilEnd)) (target <= 1.3)")
        print("ratio sample / raw single pread, kept open: \(Self.ratio(sample, preadOnce))")
        print("ratio sample / raw open + read + close:     \(Self.ratio(sample, openReadClose))")
        print("(checksums \(checksum) \(raw.bytesRead))")
    }

    /// The medians' ratio and the p99s' ratio, with two decimals.
    private static func ratio(_ measured: TimingSummary, _ baseline: TimingSummary) -> String {
        "median \(twoDecimals(measured.medianNs, baseline.medianNs))x, p99 \(twoDecimals(measured.p99Ns, baseline.p99Ns))x"
    }

    private static func twoDecimals(_ numerator: UInt64, _ denominator: UInt64) -> String {
        guard denominator > 0 else { return "n/a" }
        let hundredths = (numerator * 100 + denominator / 2) / denominator
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
