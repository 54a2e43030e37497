import MemSense

/// How a victim is killed: its granularity (with overrides per target cgroup), whether SIGTERM
/// comes first when the caller says there is time, and how long to wait for the exit.
public struct KillSettings: Codable, Equatable, Sendable, LenientDecodable {
    public var granularity: KillGranularity
    /// Overrides for targets (the watched cgroups) by path prefix; the longest prefix wins.
    public var targets: [TargetGranularity]
    /// The grace between SIGTERM and SIGKILL; 0 sends SIGKILL at once, always.
    public var sigtermGraceMs: Int64
    /// How long to wait for the victim to exit after SIGKILL.
    public var exitWaitMs: Int64
    public var comment: String?
    public private(set) var decodingIssues: [ConfigIssue] = []

    enum CodingKeys: String, CodingKey, CaseIterable {
        case granularity
        case targets
        case sigtermGraceMs = "sigterm_grace_ms"
        case exitWaitMs = "exit_wait_ms"
        case comment
    }

    public init(
        granularity: KillGranularity = .process, targets: [TargetGranularity] = [], sigtermGraceMs: Int64 = 0,
        exitWaitMs: Int64 = 1_000, comment: String? = nil
    ) {
        self.granularity = granularity
        self.targets = targets
        self.sigtermGraceMs = sigtermGraceMs
        self.exitWaitMs = exitWaitMs
        self.comment = comment
    }

    public init(from decoder: any Decoder) {
        let defaults = Self()
        var object = LenientObject<CodingKeys>(decoder)
        granularity = object.value(.granularity, default: defaults.granularity)
        targets = object.value(.targets, default: defaults.targets)
        sigtermGraceMs = object.value(.sigtermGraceMs, default: defaults.sigtermGraceMs)
        exitWaitMs = object.value(.exitWaitMs, default: defaults.exitWaitMs)
        comment = object.optional(.comment)
        decodingIssues = object.issues
    }

    func issues(at path: String) -> [ConfigIssue] {
        var issues: [ConfigIssue] = []
        if sigtermGraceMs < 0 {
            issues.append(ConfigIssue(path: path + ".sigterm_grace_ms", "\(sigtermGraceMs) must be >= 0"))
        }
        if exitWaitMs < 0 {
            issues.append(ConfigIssue(path: path + ".exit_wait_ms", "\(exitWaitMs) must be >= 0"))
        }
        for (index, target) in targets.enumerated() where !target.cgroupPrefix.hasPrefix("/") {
            issues.append(
                ConfigIssue(
                    path: path + ".targets[\(index)].cgroup_prefix",
                    "\"\(target.cgroupPrefix)\" does not start with /"))
        }
        return issues
    }

    /// The granularity for a target: nil is the node, otherwise the target's cgroup path.
    public func granularity(forTarget cgroupPath: String?) -> KillGranularity {
        guard let cgroupPath else { return granularity }
        let best = targets.filter { cgroupPath.hasPrefix($0.cgroupPrefix) }
            .max { $0.cgroupPrefix.utf8.count < $1.cgroupPrefix.utf8.count }
        return best?.granularity ?? granularity
    }
}
