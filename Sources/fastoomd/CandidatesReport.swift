import KillPolicy
import MemSense

/// A ranking as `fastoomd candidates` prints it: the candidates in kill order with their
/// scores and reasons, and every process that is not one, with why.
struct CandidatesReport: Encodable {
    /// The policy file's path, or that the built-in policy was used.
    var policy: String
    var target: String
    var cgroup: String?
    /// The scale of the freeable per-mille part of each score (MemTotal, or the cgroup's limit).
    var memoryTotalBytes: UInt64
    var ownPid: Int32
    var candidates: [CandidateFigures]
    /// In PID order.
    var excluded: [ExclusionFigures]
    /// Processes that could not be read (not those that exited while being read).
    var unreadable: [String]

    struct CandidateFigures: Encodable {
        var rank: Int
        var pid: Int32
        var startTimeTicks: UInt64
        var comm: String
        var tier: String
        var score: Double
        var freeableBytes: UInt64
        var residentBytes: UInt64
        var oomScore: Int32
        var oomScoreAdj: Int32
        var cgroup: String
        var reasons: [String]
    }

    struct ExclusionFigures: Encodable {
        var pid: Int32
        var startTimeTicks: UInt64
        var comm: String
        var reason: String
        /// True when a `protect` rule of the policy matched (rather than a built-in exclusion).
        var isProtected: Bool
        var cgroup: String

        enum CodingKeys: String, CodingKey {
            case pid, startTimeTicks, comm, reason, cgroup
            case isProtected = "protected"
        }
    }

    init(
        _ ranking: Ranking, scan: ProcessTable.Scan, policyOrigin: String, cgroupPath: String?,
        memoryTotalBytes: UInt64, ownPID: Int32
    ) {
        policy = policyOrigin
        target = cgroupPath == nil ? "node" : "cgroup"
        cgroup = cgroupPath
        self.memoryTotalBytes = memoryTotalBytes
        ownPid = ownPID
        candidates = ranking.candidates.enumerated().map { index, candidate in
            let process = candidate.process
            return CandidateFigures(
                rank: index + 1, pid: process.pid, startTimeTicks: process.identity.startTimeTicks,
                comm: process.comm, tier: Self.name(of: candidate.tier), score: candidate.score,
                freeableBytes: process.freeableBytes, residentBytes: process.residentBytes,
                oomScore: process.oomScore, oomScoreAdj: process.oomScoreAdj, cgroup: process.cgroupPath,
                reasons: candidate.reasons)
        }
        excluded = ranking.excluded.map { exclusion in
            let process = exclusion.process
            var isProtected = false
            switch exclusion.reason {
            case .protected, .protectedByCommand: isProtected = true
            default: break
            }
            return ExclusionFigures(
                pid: process.pid, startTimeTicks: process.identity.startTimeTicks, comm: process.comm,
                reason: exclusion.reason.description, isProtected: isProtected, cgroup: process.cgroupPath)
        }
        unreadable = scan.failures.map(\.description)
    }

    static func name(of tier: Candidate.Tier) -> String {
        switch tier {
        case .preferred: "preferred"
        case .normal: "normal"
        case .avoided: "avoided"
        }
    }

    /// The table printed without `--json`. Kernel threads are counted, not listed: there are
    /// a hundred of them and none is ever a candidate.
    var table: String {
        var lines = [
            "policy: \(policy)",
            "target: \(cgroup.map { "cgroup \($0)" } ?? "node"), \(Bytes.readable(memoryTotalBytes))",
            "",
            "candidates, in kill order (\(candidates.count)):",
        ]
        lines.append(
            Self.row(["RANK", "PID", "COMM", "TIER", "SCORE", "FREEABLE", "REASONS"], widths: Self.candidateWidths))
        for candidate in candidates {
            lines.append(
                Self.row(
                    [
                        String(candidate.rank), String(candidate.pid), candidate.comm, candidate.tier,
                        EventRendering.format(candidate.score, digits: 1), Bytes.readable(candidate.freeableBytes),
                        candidate.reasons.joined(separator: "; "),
                    ], widths: Self.candidateWidths))
        }
        let kernelThreads = excluded.filter { $0.reason == Exclusion.Reason.kernelThread.description }
        let listed = excluded.filter { $0.reason != Exclusion.Reason.kernelThread.description }
        lines += ["", "not candidates (\(listed.count), and \(kernelThreads.count) kernel threads):"]
        lines.append(Self.row(["PID", "COMM", "WHY"], widths: Self.exclusionWidths))
        for exclusion in listed {
            lines.append(
                Self.row([String(exclusion.pid), exclusion.comm, exclusion.reason], widths: Self.exclusionWidths))
        }
        if !unreadable.isEmpty {
            lines += ["", "unreadable (\(unreadable.count)):"] + unreadable.map { "  " + $0 }
        }
        return lines.joined(separator: "\n")
    }

    /// Column widths; negative right-aligns (numbers). The last column is never padded.
    private static let candidateWidths = [-5, -8, 16, 10, -10, -10, 0]
    private static let exclusionWidths = [-8, 16, 0]

    private static func row(_ cells: [String], widths: [Int]) -> String {
        zip(cells, widths).map { cell, width in
            let padding = String(repeating: " ", count: max(0, abs(width) - cell.count))
            return width < 0 ? padding + cell : cell + (width == 0 ? "" : padding)
        }.joined(separator: "  ")
    }
}
