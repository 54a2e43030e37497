import MemSense

/// The victims of one target in kill order, and the processes that are not candidates.
/// A pure function of the process table, the policy and two numbers: the same table in any
/// order gives the same ranking.
public struct Ranking: Sendable {
    public let candidates: [Candidate]
    /// In PID order.
    public let excluded: [Exclusion]

    /// - Parameters:
    ///   - table: the processes of the target (the node, or the cgroup being relieved).
    ///   - ownPID: fastoomd's PID, never a candidate.
    ///   - memoryTotalBytes: the target's memory (MemTotal or the cgroup limit), the scale of
    ///     freeable‰ as of the kernel's oom_score.
    ///   - criticalForMs: how long the target has been critical; a process under `fastoomd
    ///     protect --max-stall S` is a candidate again once this reaches S seconds.
    public init(
        of table: [ProcessSnapshot], policy: Policy, ownPID: Int32, memoryTotalBytes: UInt64, criticalForMs: Int64 = 0
    ) {
        var candidates: [Candidate] = []
        var excluded: [Exclusion] = []
        for process in table {
            if let reason = Self.exclusion(of: process, policy: policy, ownPID: ownPID, criticalForMs: criticalForMs) {
                excluded.append(Exclusion(process: process, reason: reason))
            } else {
                var candidate = Self.candidate(process, policy: policy, memoryTotalBytes: memoryTotalBytes)
                if let maxStall = process.protection?.maxStallSeconds {
                    candidate.reasons.insert(
                        "protect escape: critical for \(criticalForMs / 1000)s >= max_stall \(maxStall)s", at: 0)
                }
                candidates.append(candidate)
            }
        }
        self.candidates = candidates.sorted(by: Candidate.precedes)
        self.excluded = excluded.sorted {
            ($0.process.pid, $0.process.identity.startTimeTicks) < ($1.process.pid, $1.process.identity.startTimeTicks)
        }
    }

    private static func exclusion(
        of process: ProcessSnapshot, policy: Policy, ownPID: Int32, criticalForMs: Int64
    ) -> Exclusion.Reason? {
        if process.pid == 1 { return .nodeInit }
        if process.isKernelThread { return .kernelThread }
        if process.pid == ownPID { return .ownProcess }
        if process.isZombie { return .zombie }
        if process.oomScoreAdj <= -1000 { return .oomKillDisabled }
        if process.namespacePID == 1 { return .namespaceInit }
        if let rule = policy.protect.first(where: { $0.matches(process) }) { return .protected(rule: rule.summary) }
        if let mark = process.protection {
            guard let maxStall = mark.maxStallSeconds, criticalForMs >= Int64(maxStall) * 1000 else {
                return .protectedByCommand(maxStallSeconds: mark.maxStallSeconds)
            }
        }
        return nil
    }

    /// An avoid rule outweighs a prefer rule: the safer reading of a process on both lists.
    private static func candidate(_ process: ProcessSnapshot, policy: Policy, memoryTotalBytes: UInt64) -> Candidate {
        var reasons: [String] = []
        var tier = Candidate.Tier.normal
        if let rule = policy.avoid.first(where: { $0.matches(process) }) {
            tier = .avoided
            reasons.append("avoid: \(rule.summary)")
        } else if let rule = policy.prefer.first(where: { $0.matches(process) }) {
            tier = .preferred
            reasons.append("prefer: \(rule.summary)")
        }
        let weights = policy.weights
        let freeablePermille = Double(process.freeableBytes) * 1000 / Double(max(memoryTotalBytes, 1))
        var score = 0.0
        if weights.oomScore != 0 {
            score += weights.oomScore * Double(process.oomScore)
            reasons.append("oom_score \(process.oomScore)")
        }
        if weights.oomScoreAdj != 0 && process.oomScoreAdj != 0 {
            score += weights.oomScoreAdj * Double(process.oomScoreAdj)
            reasons.append("oom_score_adj \(process.oomScoreAdj)")
        }
        score += weights.freeablePermille * freeablePermille
        reasons.append("freeable \(ByteCount(process.freeableBytes)) (\(Int(freeablePermille.rounded()))‰)")
        return Candidate(process: process, tier: tier, score: score, reasons: reasons)
    }
}
