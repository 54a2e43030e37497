import MemSense

/// A validated rule: every matcher must match.
public struct MatchRule {
    public let matchers: [Matcher]

    /// The kernel truncates comm to 15 bytes, so a longer exact name can never match.
    static let commLimitBytes = 15

    /// Validates and compiles `config`; problems are listed under `path` and give nil.
    public init?(_ config: MatchRuleConfig, at path: String, issues: inout [ConfigIssue]) {
        let before = issues.count
        var matchers: [Matcher] = []
        if let comm = config.comm {
            if comm.isEmpty || comm.utf8.count > Self.commLimitBytes {
                issues.append(
                    ConfigIssue(
                        path: path + ".comm",
                        "\"\(comm)\" is \(comm.utf8.count) bytes; comm has 1 to \(Self.commLimitBytes) "
                            + "(the kernel truncates longer names), so it can never match"))
            }
            matchers.append(.comm(comm))
        }
        func pattern(_ source: String?, _ key: String, _ make: (Pattern) -> Matcher) {
            guard let source else { return }
            if let compiled = Pattern(source, at: path + "." + key, issues: &issues) {
                matchers.append(make(compiled))
            }
        }
        pattern(config.commRegex, "comm_regex", Matcher.commPattern)
        pattern(config.cmdlineRegex, "cmdline_regex", Matcher.commandLinePattern)
        if let exe = config.exe {
            if !exe.hasPrefix("/") {
                issues.append(ConfigIssue(path: path + ".exe", "\"\(exe)\" is not an absolute path"))
            }
            matchers.append(.executable(exe))
        }
        pattern(config.exeRegex, "exe_regex", Matcher.executablePattern)
        if let prefix = config.cgroupPrefix {
            if !prefix.hasPrefix("/") {
                issues.append(ConfigIssue(path: path + ".cgroup_prefix", "\"\(prefix)\" does not start with /"))
            }
            matchers.append(.cgroupPrefix(prefix))
        }
        pattern(config.cgroupRegex, "cgroup_regex", Matcher.cgroupPattern)
        if let uid = config.uid {
            matchers.append(.uid(uid))
        }
        // A rule whose values did not decode is already listed; "no matcher" would only repeat it.
        if matchers.isEmpty && issues.count == before && config.decodingIssues.isEmpty {
            issues.append(
                ConfigIssue(
                    path: path,
                    "rule has no matcher (comm, comm_regex, cmdline_regex, exe, exe_regex, cgroup_prefix, "
                        + "cgroup_regex, uid)"))
        }
        guard issues.count == before else { return nil }
        self.matchers = matchers
    }

    public func matches(_ process: ProcessSnapshot) -> Bool {
        matchers.allSatisfy { $0.matches(process) }
    }

    /// `comm=sshd`, or `comm=java cgroup^=/kubepods/` for a rule with two matchers.
    public var summary: String {
        matchers.map(\.summary).joined(separator: " ")
    }
}
