import MemSense

/// Counts the heap allocations of healthy node samples once the sampler is warm (files kept
/// open, read buffer grown to the largest file, previous sample held): the hot path must make
/// none.
struct AllocationBenchmark {
    let procRoot: String
    let ticks: Int
    let warmUpTicks = 10

    /// The allocations counted over `ticks` samples after warm-up.
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
        var tMs: Int64 = 0
        var checksum: UInt64 = 0
        var hasPressure = false
        do {
            for _ in 0..<warmUpTicks {
                tMs += 50
                hasPressure = try sampler.sample(at: tMs).memoryPressure != nil
            }
            let warmUpAllocations = counter.count - atStart
            let before = counter.count
            for _ in 0..<ticks {
                tMs += 50
                checksum &+= try sampler.sample(at: tMs).availableBytes
            }
            let allocations = counter.count - before
            print("allocations creating the sampler and \(warmUpTicks) warm-up samples: \(warmUpAllocations)")
            print("allocations in \(ticks) samples after warm-up: \(allocations) (PSI read: \(hasPressure))")
            print("(checksum \(checksum))")
            return allocations
        } catch {
            throw .sampling(error)
        }
    }
}
