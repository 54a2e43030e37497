import KillPolicy
import MemSense

/// The `recycling` section: soft caps on processes or cgroups that, once exceeded for longer than
/// `over_for_ms`, get a configurable signal (a graceful restart) or a hook, then a cool-down.
/// A supervisor restarts the worker; fastoomd only tells it to go.
///
///     "recycling": {"scan_interval_ms": 1000, "rules": [
///       {"match": {"comm": "gunicorn"}, "rss_cap_bytes": 1073741824, "over_for_ms": 30000,
///        "signal": "SIGTERM", "cooldown_ms": 300000},
///       {"cgroup": "/system.slice/batch.service", "use_memory_high": true, "over_for_ms": 10000,
///        "hook": {"path": "/usr/local/sbin/restart-batch"}}]}
struct RecyclingConfig: Decodable, Equatable, Sendable {
    /// One rule as written: a process match with an RSS cap, or a cgroup with a usage cap (v1) or
    /// its own memory.high (v2); a signal or a hook.
    struct Rule: Decodable, Equatable, Sendable {
        var match: MatchRuleConfig?
        /// VmRSS, as `ps` and operators count it.
        var rssCapBytes: UInt64?
        /// Count only RssAnon + RssShmem (what a restart gives back) instead of all of VmRSS.
        var rssAnonShmemOnly = false
        var cgroup: String?
        /// cgroup v1: a threshold on memory.usage_in_bytes.
        var usageCapBytes: UInt64?
        /// cgroup v2: over while the group's memory.events `high` counter keeps rising.
        var useMemoryHigh = false
        var overForMs: Int64 = 0
        /// SIGTERM, SIGUSR1, SIGUSR2, SIGHUP, SIGINT or SIGQUIT.
        var signal: String?
        var hook: HookConfig?
        var cooldownMs: Int64 = defaultCooldownMs
        var comment: String?
        var decodingIssues: [ConfigIssue] = []

        static let defaultCooldownMs: Int64 = 60_000

        enum CodingKeys: String, CodingKey, CaseIterable {
            case match, cgroup, signal, hook, comment
            case rssCapBytes = "rss_cap_bytes"
            case rssAnonShmemOnly = "rss_anon_shmem_only"
            case usageCapBytes = "usage_cap_bytes"
            case useMemoryHigh = "use_memory_high"
            case overForMs = "over_for_ms"
            case cooldownMs = "cooldown_ms"
        }

        init(
            match: MatchRuleConfig? = nil, rssCapBytes: UInt64? = nil, cgroup: String? = nil,
            usageCapBytes: UInt64? = nil, useMemoryHigh: Bool = false, overForMs: Int64, signal: String? = nil,
            hook: HookConfig? = nil, cooldownMs: Int64 = defaultCooldownMs
        ) {
            self.match = match
            self.rssCapBytes = rssCapBytes
            self.cgroup = cgroup
            self.usageCapBytes = usageCapBytes
            self.useMemoryHigh = useMemoryHigh
            self.overForMs = overForMs
            self.signal = signal
            self.hook = hook
            self.cooldownMs = cooldownMs
        }

        init(from decoder: any Decoder) {
            var object = LenientObject<CodingKeys>(decoder)
            match = object.optional(.match)
            rssCapBytes = object.optional(.rssCapBytes)
            rssAnonShmemOnly = object.value(.rssAnonShmemOnly, default: false)
            cgroup = object.optional(.cgroup)
            usageCapBytes = object.optional(.usageCapBytes)
            useMemoryHigh = object.value(.useMemoryHigh, default: false)
            overForMs = object.required(.overForMs, default: 0, hint: "how long over the cap before acting")
            signal = object.optional(.signal)
            hook = object.optional(.hook)
            cooldownMs = object.value(.cooldownMs, default: Self.defaultCooldownMs)
            comment = object.optional(.comment)
            decodingIssues = object.issues
        }
    }

    /// How often the process table is scanned for RSS caps; cgroup caps are looked at every tick.
    var scanIntervalMs: Int64 = 1_000
    var rules: [Rule] = []
    var comment: String?
    public private(set) var decodingIssues: [ConfigIssue] = []

    static let scanIntervalRangeMs: ClosedRange<Int64> = 100...3_600_000
    static let durationRangeMs: ClosedRange<Int64> = 0...86_400_000

    enum CodingKeys: String, CodingKey, CaseIterable {
        case rules, comment
        case scanIntervalMs = "scan_interval_ms"
    }

    init(scanIntervalMs: Int64 = 1_000, rules: [Rule] = []) {
        self.scanIntervalMs = scanIntervalMs
        self.rules = rules
    }

    init(from decoder: any Decoder) {
        var object = LenientObject<CodingKeys>(decoder)
        scanIntervalMs = object.value(.scanIntervalMs, default: 1_000)
        rules = object.value(.rules, default: [])
        comment = object.optional(.comment)
        decodingIssues = object.issues
    }

    /// Validates the section read at JSON path `path`: the rules, and every problem met, each at its
    /// JSON path. With `checkingFiles`, each hook's file must be one only root can change.
    func validated(at path: String, checkingFiles: Bool) -> (rules: [RecyclingRule], issues: [ConfigIssue]) {
        var issues = decodingIssues
        if !Self.scanIntervalRangeMs.contains(scanIntervalMs) {
            issues.append(ConfigIssue(path: path + ".scan_interval_ms", "\(scanIntervalMs) must be in 100...3600000"))
        }
        var validated: [RecyclingRule] = []
        for (index, rule) in rules.enumerated() {
            let rulePath = "\(path).rules[\(index)]"
            issues += rule.decodingIssues
            if let hook = rule.hook {
                let hookIssues = hook.issues(at: rulePath + ".hook", kind: .recycle)
                issues += hookIssues
                if checkingFiles && hookIssues.isEmpty {
                    issues += FilePermissions.problems(ofFileAt: hook.path, role: .executable).map {
                        ConfigIssue(path: rulePath + ".hook.path", "refused: \($0)")
                    }
                }
            }
            if let valid = RecyclingRule(rule, at: rulePath, issues: &issues) { validated.append(valid) }
        }
        return (validated, issues)
    }
}
