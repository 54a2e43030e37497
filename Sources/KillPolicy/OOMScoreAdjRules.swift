import MemSense

/// The validated `oom_score_adj` section, and the pure planner that says which processes of a
/// process table must be set to what.
public struct OOMScoreAdjRules {
    /// One validated rule.
    public struct Rule {
        public let match: MatchRule
        public let adj: Int32
    }

    public let rules: [Rule]
    public let periodMs: Int64

    /// No rules: the daemon never writes oom_score_adj.
    public init() {
        rules = []
        periodMs = OOMScoreAdjConfig.defaultPeriodMs
    }

    /// Validates `config`, read at JSON path `path`, listing every problem in one `.invalidConfig`.
    public init(validating config: OOMScoreAdjConfig, at path: String = "oom_score_adj") throws(KillPolicyError) {
        var issues = config.decodingIssues
        if !OOMScoreAdjConfig.periodRangeMs.contains(config.periodMs) {
            let range = OOMScoreAdjConfig.periodRangeMs
            issues.append(
                ConfigIssue(
                    path: path + ".period_ms",
                    "\(config.periodMs) must be in \(range.lowerBound)...\(range.upperBound)"))
        }
        var rules: [Rule] = []
        for (index, rule) in config.rules.enumerated() {
            let rulePath = "\(path).rules[\(index)]"
            if !(-1000...1000).contains(rule.adj) {
                issues.append(ConfigIssue(path: rulePath + ".adj", "\(rule.adj) is not in -1000...1000"))
            }
            // A missing or non-object `match` is already listed; "no matcher" would only repeat it.
            guard !rule.decodingIssues.contains(where: { $0.path.hasSuffix(".match") }) else { continue }
            if let match = MatchRule(rule.match, at: rulePath + ".match", issues: &issues) {
                rules.append(Rule(match: match, adj: Int32(clamping: rule.adj)))
            }
        }
        guard issues.isEmpty else { throw .invalidConfig(issues) }
        self.rules = rules
        periodMs = config.periodMs
    }

    /// The writes that bring `table` in line with the rules: for each process, the first rule
    /// that matches it decides; a process already at the wanted value needs nothing.
    ///
    /// Never listed: kernel threads (they have no oom_score_adj of their own to speak of and no
    /// memory to kill), zombies (already dead), and `ownPID` (fastoomd keeps its own -1000).
    public func changes(in table: [ProcessSnapshot], ownPID: Int32) -> [OOMScoreAdjChange] {
        guard !rules.isEmpty else { return [] }
        var changes: [OOMScoreAdjChange] = []
        for process in table where !process.isKernelThread && !process.isZombie && process.pid != ownPID {
            guard let rule = rules.first(where: { $0.match.matches(process) }), rule.adj != process.oomScoreAdj
            else { continue }
            changes.append(
                OOMScoreAdjChange(
                    process: process.identity, comm: process.comm, currentAdj: process.oomScoreAdj,
                    wantedAdj: rule.adj, rule: rule.match.summary))
        }
        return changes
    }
}
