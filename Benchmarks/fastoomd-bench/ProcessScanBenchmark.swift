import MemSense

/// Times full scans of a process table (`ProcessTable.scan()`: list `proc`, then read stat,
/// cgroup, status, cmdline, oom_score, oom_score_adj and the exe link of every process).
struct ProcessScanBenchmark {
    let procRoot: String
    let scans: Int

    func run() throws(BenchmarkError) {
        let table = ProcessTable(source: DirectorySource(procRoot: procRoot))
        var timingsNs: [UInt64] = []
        var processes = 0
        var failures = 0
        do {
            _ = try table.scan()
            for _ in 0..<scans {
                var scan: ProcessTable.Scan?
                timingsNs.append(try MonotonicClock.measureNs { () throws(MemSenseError) in scan = try table.scan() })
                processes = scan?.processes.count ?? 0
                failures = scan?.failures.count ?? 0
            }
        } catch {
            throw .sampling(error)
        }
        let summary = TimingSummary(timingsNs)
        print("process table scan of \(procRoot): \(processes) processes, \(failures) left out by errors")
        print("per scan: \(summary.description)")
        print(
            "per process (median scan / processes): \(TimingSummary.microseconds(summary.medianNs / UInt64(max(processes, 1)))) µs"
        )
    }
}
