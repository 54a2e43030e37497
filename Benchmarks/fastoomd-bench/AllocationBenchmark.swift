import MemSense
import Predictor

/// Counts the heap allocations of healthy node samples once the sampler is warm (files kept
/// open, read buffer grown to the largest file, previous sample held), and of the predictor's
/// assessment of each of them: the hot path must make none.
struct AllocationBenchmark {
    let procRoot: String
    let ticks: Int
    let warmUpTicks = 10

    /// The allocations counted over `ticks` samples and their assessments after warm-up.
    func run() throws(BenchmarkError) -> UInt {
        guard let counter = MallocCounter() else {
            throw .usage("no allocation counter: run with LD_PRELOAD=<libmalloc-counter.so> (Benchmarks/run.sh does)")
        }
        let atStart = counter.count
        let sampler: NodeSampler
        do {
            sampler = try NodeSampler(source: DirectorySource(procRoot: procRoot))
        } catch {
            throw .sampling(error)
        }
        var predictor = Predictor()
        var tMs: Int64 = 0
        var checksum: UInt64 = 0
        var probabilitySum = 0.0
        var hasPressure = false
        do {
            for _ in 0..<warmUpTicks {
                tMs += 50
                let sample = try sampler.sample(at: tMs)
                hasPressure = sample.memoryPressure != nil
                probabilitySum += predictor.assess(sample).probability
            }
            let warmUpAllocations = counter.count - atStart
            var sampleAllocations: UInt = 0
            var assessmentAllocations: UInt = 0
            var states: Set<AssessmentState> = []
            for _ in 0..<ticks {
                tMs += 50
                let before = counter.count
                let sample = try sampler.sample(at: tMs)
                let sampled = counter.count
                let assessment = predictor.assess(sample)
                assessmentAllocations += counter.count - sampled
                sampleAllocations += sampled - before
                checksum &+= sample.availableBytes
                probabilitySum += assessment.probability
                if !states.contains(assessment.state) { states.insert(assessment.state) }
            }
            print("allocations creating the sampler and \(warmUpTicks) warm-up samples: \(warmUpAllocations)")
            print("allocations in \(ticks) samples after warm-up: \(sampleAllocations) (PSI read: \(hasPressure))")
            print(
                "allocations in \(ticks) predictor assessments after warm-up: \(assessmentAllocations) "
                    + "(states seen: \(states.map(\.rawValue).sorted()))")
            print("(checksum \(checksum), \(probabilitySum))")
            return sampleAllocations + assessmentAllocations
        } catch {
            throw .sampling(error)
        }
    }
}
