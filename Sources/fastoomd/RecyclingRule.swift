import Glibc
import KillPolicy
import LinuxSys
import MemSense

/// One validated rule of the `recycling` section.
struct RecyclingRule {
    /// What the rule watches and what counts as over.
    enum Subject {
        /// Every matching process against its own RSS (or RssAnon + RssShmem) cap.
        case processes(MatchRule, capBytes: UInt64, anonShmemOnly: Bool)
        /// A cgroup v1 group's memory.usage_in_bytes against a threshold.
        case cgroupUsage(String, capBytes: UInt64)
        /// A cgroup v2 group over its own memory.high.
        case cgroupHigh(String)
    }

    enum Action {
        case signal(Signal)
        case hook(HookConfig)
    }

    let subject: Subject
    let action: Action
    let overForMs: Int64
    let cooldownMs: Int64
    /// `recycling.rules[0]`, to name the rule in events.
    let name: String

    /// The signals a worker may take as "restart yourself"; never SIGKILL, which is the killer's.
    static let signals: [(name: String, signal: Signal)] = [
        ("SIGTERM", .terminate), ("SIGUSR1", Signal(rawValue: SIGUSR1)), ("SIGUSR2", Signal(rawValue: SIGUSR2)),
        ("SIGHUP", .hangUp), ("SIGINT", .interrupt), ("SIGQUIT", Signal(rawValue: SIGQUIT)),
    ]

    init(subject: Subject, action: Action, overForMs: Int64, cooldownMs: Int64, name: String) {
        self.subject = subject
        self.action = action
        self.overForMs = overForMs
        self.cooldownMs = cooldownMs
        self.name = name
    }

    /// Validates `config`, read at `path`; problems are listed there and give nil.
    init?(_ config: RecyclingConfig.Rule, at path: String, issues: inout [ConfigIssue]) {
        let before = issues.count
        let subject = Self.subject(config, at: path, issues: &issues)
        var action: Action?
        switch (config.signal, config.hook) {
        case (let name?, nil):
            if let known = Self.signals.first(where: { $0.name == name }) {
                action = .signal(known.signal)
            } else {
                let names = Self.signals.map(\.name).joined(separator: ", ")
                issues.append(ConfigIssue(path: path + ".signal", "\"\(name)\" is not one of \(names)"))
            }
        case (nil, let hook?):
            action = .hook(hook)
        case (nil, nil):
            issues.append(ConfigIssue(path: path, "needs a signal or a hook"))
        case (.some, .some):
            issues.append(ConfigIssue(path: path + ".hook", "a rule has a signal or a hook, not both"))
        }
        for (key, value) in [("over_for_ms", config.overForMs), ("cooldown_ms", config.cooldownMs)]
        where !RecyclingConfig.durationRangeMs.contains(value) {
            issues.append(ConfigIssue(path: path + "." + key, "\(value) must be in 0...86400000"))
        }
        guard issues.count == before, let subject, let action else { return nil }
        self.init(
            subject: subject, action: action, overForMs: config.overForMs, cooldownMs: config.cooldownMs, name: path)
    }

    private static func subject(_ config: RecyclingConfig.Rule, at path: String, issues: inout [ConfigIssue])
        -> Subject?
    {
        func refuse(_ key: String, _ reason: String) -> Subject? {
            issues.append(ConfigIssue(path: path + "." + key, reason))
            return nil
        }
        switch (config.match, config.cgroup) {
        case (let match?, nil):
            if config.usageCapBytes != nil {
                return refuse("usage_cap_bytes", "is for cgroup rules; use rss_cap_bytes")
            }
            if config.useMemoryHigh { return refuse("use_memory_high", "is for cgroup rules") }
            guard let capBytes = config.rssCapBytes, capBytes > 0 else {
                return refuse("rss_cap_bytes", "required above 0 with match: the RSS cap of each matching process")
            }
            guard let rule = MatchRule(match, at: path + ".match", issues: &issues) else { return nil }
            return .processes(rule, capBytes: capBytes, anonShmemOnly: config.rssAnonShmemOnly)
        case (nil, let cgroup?):
            if config.rssCapBytes != nil { return refuse("rss_cap_bytes", "is for match rules") }
            if config.rssAnonShmemOnly { return refuse("rss_anon_shmem_only", "is for match rules") }
            guard cgroup.hasPrefix("/") else { return refuse("cgroup", "\"\(cgroup)\" does not start with /") }
            switch (config.usageCapBytes, config.useMemoryHigh) {
            case (let capBytes?, false):
                guard capBytes > 0 else { return refuse("usage_cap_bytes", "must be above 0") }
                return .cgroupUsage(cgroup, capBytes: capBytes)
            case (nil, true):
                return .cgroupHigh(cgroup)
            case (nil, false):
                return refuse("usage_cap_bytes", "a cgroup rule needs usage_cap_bytes (v1) or use_memory_high (v2)")
            case (.some, true):
                return refuse("use_memory_high", "usage_cap_bytes (v1) or use_memory_high (v2), not both")
            }
        case (nil, nil):
            issues.append(ConfigIssue(path: path, "needs a match (with rss_cap_bytes) or a cgroup"))
            return nil
        case (.some, .some):
            return refuse("cgroup", "a rule has a match or a cgroup, not both")
        }
    }
}
