/// A validated kill policy: compiled rules, weights, how to kill, and the kill budget.
/// Built once at load; ranking and killing with it never fail.
public struct Policy {
    public let protect: [MatchRule]
    public let avoid: [MatchRule]
    public let prefer: [MatchRule]
    public let weights: RankingWeights
    public let kill: KillSettings
    public let governor: GovernorSettings

    /// Validates `config`, read at JSON path `path`, listing every problem (decoding and
    /// semantic) in one `KillPolicyError.invalidConfig`.
    public init(validating config: KillPolicyConfig, at path: String = "kill_policy") throws(KillPolicyError) {
        var issues = config.decodingIssues
        func rules(_ list: [MatchRuleConfig], _ key: String) -> [MatchRule] {
            list.enumerated().compactMap { index, rule in
                MatchRule(rule, at: "\(path).\(key)[\(index)]", issues: &issues)
            }
        }
        protect = rules(config.protect, "protect")
        avoid = rules(config.avoid, "avoid")
        prefer = rules(config.prefer, "prefer")
        issues += config.weights.issues(at: path + ".weights")
        issues += config.kill.issues(at: path + ".kill")
        issues += config.governor.issues(at: path + ".governor")
        guard issues.isEmpty else { throw .invalidConfig(issues) }
        weights = config.weights
        kill = config.kill
        governor = config.governor
    }

    /// A policy without rules, with the default weights, kill settings and budget: only the fixed
    /// exclusions apply (PID 1, kernel threads, fastoomd itself, zombies, oom_score_adj -1000,
    /// namespace inits). It cannot fail, for callers that need a policy before any file is read.
    public init() {
        protect = []
        avoid = []
        prefer = []
        weights = RankingWeights()
        kill = KillSettings()
        governor = GovernorSettings()
    }

    /// How to kill in `target` (nil: the node, else the target's cgroup path). SIGTERM comes
    /// first only when the caller says there is time for its grace period.
    public func plan(forTarget cgroupPath: String?, hasTimeForGrace: Bool) -> KillPlan {
        KillPlan(
            granularity: kill.granularity(forTarget: cgroupPath),
            sigtermGraceMs: hasTimeForGrace ? kill.sigtermGraceMs : 0,
            exitWaitMs: kill.exitWaitMs)
    }
}
