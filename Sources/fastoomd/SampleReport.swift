import MemSense

/// A sample as `fastoomd sample --json` prints it: every figure with its unit in its key
/// (snake_case by the encoder), counters as the kernel counts them, rates per second.
struct SampleReport: Encodable {
    var target: String
    var cgroup: String?
    var tMs: Int64
    var totalBytes: UInt64
    var availableBytes: UInt64
    var availableFraction: Double
    var availableEstimated: Bool
    var anonBytes: UInt64
    var fileBytes: UInt64
    var swapTotalBytes: UInt64
    var swapFreeBytes: UInt64
    var usageBytes: UInt64?
    var limitBytes: UInt64?
    var counters: CounterFigures
    var pressure: [String: PressureFigures]
    var rates: RateFigures?

    struct CounterFigures: Encodable {
        var scanKswapdPages, scanDirectPages, stealPages, allocStalls, refaults, majorFaults: UInt64
        var oomKills, swapInPages, swapOutPages, limitHits, cpuTotalTicks, cpuIowaitTicks, cpuSystemTicks: UInt64
    }

    struct PressureFigures: Encodable {
        var someAvg10, someAvg60, someAvg300: Double
        var someTotalUs: UInt64
        var fullAvg10, fullAvg60, fullAvg300: Double?
        var fullTotalUs: UInt64?
    }

    struct RateFigures: Encodable {
        var intervalMs: Int64
        var scanKswapdPagesPerSecond, scanDirectPagesPerSecond, stealPagesPerSecond: Double
        var allocStallsPerSecond, refaultsPerSecond, majorFaultsPerSecond: Double
        var swapInPagesPerSecond, swapOutPagesPerSecond, limitHitsPerSecond: Double
        var oomKills: UInt64
        var iowaitShare, systemShare, memorySomeStallShare, memoryFullStallShare: Double
    }

    init(_ sample: Sample, cgroupPath: String?) {
        target = sample.kind.rawValue
        cgroup = cgroupPath
        tMs = sample.tMs
        totalBytes = sample.totalBytes
        availableBytes = sample.availableBytes
        availableFraction = sample.availableFraction
        availableEstimated = sample.isAvailableEstimated
        anonBytes = sample.anonBytes
        fileBytes = sample.fileBytes
        swapTotalBytes = sample.swapTotalBytes
        swapFreeBytes = sample.swapFreeBytes
        usageBytes = sample.cgroupMemory?.usageBytes
        limitBytes = sample.cgroupMemory?.limitBytes
        let c = sample.counters
        counters = CounterFigures(
            scanKswapdPages: c.scanKswapdPages, scanDirectPages: c.scanDirectPages, stealPages: c.stealPages,
            allocStalls: c.allocStalls, refaults: c.refaults, majorFaults: c.majorFaults, oomKills: c.oomKills,
            swapInPages: c.swapInPages, swapOutPages: c.swapOutPages, limitHits: c.limitHits,
            cpuTotalTicks: c.cpuTotalTicks, cpuIowaitTicks: c.cpuIOWaitTicks, cpuSystemTicks: c.cpuSystemTicks)
        pressure = [:]
        for (name, figures) in [
            ("memory", sample.memoryPressure), ("io", sample.ioPressure), ("cpu", sample.cpuPressure),
        ] {
            guard let figures else { continue }
            pressure[name] = PressureFigures(
                someAvg10: figures.someAvg10, someAvg60: figures.someAvg60, someAvg300: figures.someAvg300,
                someTotalUs: figures.someTotalUs, fullAvg10: figures.full?.avg10, fullAvg60: figures.full?.avg60,
                fullAvg300: figures.full?.avg300, fullTotalUs: figures.full?.totalUs)
        }
        rates = sample.rates.map { r in
            RateFigures(
                intervalMs: r.intervalMs, scanKswapdPagesPerSecond: r.scanKswapdPerSecond,
                scanDirectPagesPerSecond: r.scanDirectPerSecond, stealPagesPerSecond: r.stealPerSecond,
                allocStallsPerSecond: r.allocStallsPerSecond, refaultsPerSecond: r.refaultsPerSecond,
                majorFaultsPerSecond: r.majorFaultsPerSecond, swapInPagesPerSecond: r.swapInPerSecond,
                swapOutPagesPerSecond: r.swapOutPerSecond, limitHitsPerSecond: r.limitHitsPerSecond,
                oomKills: r.oomKills, iowaitShare: r.ioWaitShare, systemShare: r.systemShare,
                memorySomeStallShare: r.memorySomeStallShare, memoryFullStallShare: r.memoryFullStallShare)
        }
    }

    /// The short table printed without `--json`.
    var table: String {
        var rows: [(String, String)] = [("target", cgroup.map { "\(target) \($0)" } ?? target)]
        rows.append(("total", Bytes.readable(totalBytes)))
        rows.append(
            (
                "available",
                "\(Bytes.readable(availableBytes)) (\(EventRendering.format(availableFraction * 100, digits: 1))%)"
                    + (availableEstimated ? " estimated" : "")
            ))
        if let usageBytes { rows.append(("usage", Bytes.readable(usageBytes))) }
        rows.append(("limit", limitBytes.map(Bytes.readable) ?? (cgroup == nil ? "-" : "none")))
        rows.append(("anon / file", "\(Bytes.readable(anonBytes)) / \(Bytes.readable(fileBytes))"))
        for name in ["memory", "io", "cpu"] {
            guard let figures = pressure[name] else {
                rows.append(("psi \(name)", "absent"))
                continue
            }
            let full = figures.fullAvg10.map { " full avg10=\(EventRendering.format($0, digits: 2))" } ?? ""
            rows.append(("psi \(name)", "some avg10=\(EventRendering.format(figures.someAvg10, digits: 2))\(full)"))
        }
        if let rates {
            rows.append(("interval", "\(rates.intervalMs) ms"))
            rows.append(
                (
                    "reclaim scan/s",
                    "kswapd \(Int(rates.scanKswapdPagesPerSecond)) direct \(Int(rates.scanDirectPagesPerSecond))"
                ))
            rows.append(("refaults/s", String(Int(rates.refaultsPerSecond))))
            rows.append(("major faults/s", String(Int(rates.majorFaultsPerSecond))))
            rows.append(
                (
                    "cpu iowait / sys",
                    "\(EventRendering.format(rates.iowaitShare * 100, digits: 1))% / "
                        + "\(EventRendering.format(rates.systemShare * 100, digits: 1))%"
                ))
        }
        let width = rows.map(\.0.count).max() ?? 0
        return rows.map { $0.0 + String(repeating: " ", count: width - $0.0.count) + "  " + $0.1 }.joined(
            separator: "\n")
    }
}
