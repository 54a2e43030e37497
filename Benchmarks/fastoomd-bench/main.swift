#if canImport(Glibc)
    import Glibc
#endif

/// fastoomd-bench: MemSense's benchmarks, run by Benchmarks/run.sh (docs/BENCHMARKS.md).
///
///     fastoomd-bench node [--proc-root DIR] [--ticks N]
///     fastoomd-bench parse [--proc-root DIR] [--ticks N]
///     fastoomd-bench processes [--proc-root DIR] [--scans N]
///     fastoomd-bench allocations [--proc-root DIR] [--ticks N]     (needs the malloc counter)
///
/// Exit status 1 when a benchmark cannot run, 2 when a healthy sample allocated after warm-up.
let arguments = Array(CommandLine.arguments.dropFirst())

/// The value after `name`, or `fallback`.
func option(_ name: String, _ fallback: String) -> String {
    guard let index = arguments.firstIndex(of: name), index + 1 < arguments.count else { return fallback }
    return arguments[index + 1]
}

do {
    let procRoot = option("--proc-root", "/proc")
    switch arguments.first {
    case "node":
        try NodeBenchmark(procRoot: procRoot, ticksPerVariant: Int(option("--ticks", "20000")) ?? 20000).run()
    case "parse":
        try ParseBenchmark(procRoot: procRoot, iterations: Int(option("--ticks", "20000")) ?? 20000).run()
    case "processes":
        try ProcessScanBenchmark(procRoot: procRoot, scans: Int(option("--scans", "20")) ?? 20).run()
    case "allocations":
        let allocations = try AllocationBenchmark(procRoot: procRoot, ticks: Int(option("--ticks", "10000")) ?? 10000)
            .run()
        if allocations > 0 { exit(2) }
    default:
        throw BenchmarkError.usage(
            "usage: fastoomd-bench node|parse|processes|allocations [--proc-root DIR] [--ticks N]")
    }
} catch {
    print("fastoomd-bench: \(error)")
    exit(1)
}
