import Glibc
import KillPolicy
import LinuxSys
import MemSense
import Testing

@testable import fastoomd

@Suite struct RecyclingConfigTests {
    private func decode(_ text: String) throws(ConfigurationError) -> Configuration {
        try Configuration.decoding(Array(text.utf8), path: "policy.json")
    }

    @Test func processAndCgroupRulesAreValidated() throws {
        let configuration = try decode(
            """
            {"recycling": {"scan_interval_ms": 500, "rules": [
              {"match": {"comm": "gunicorn"}, "rss_cap_bytes": 1048576, "over_for_ms": 30000, "signal": "SIGUSR1",
               "cooldown_ms": 1000},
              {"cgroup": "/batch", "usage_cap_bytes": 2097152, "over_for_ms": 0, "hook": {"path": "/bin/true"}},
              {"cgroup": "/web", "use_memory_high": true, "over_for_ms": 100, "signal": "SIGTERM"}]}}
            """)
        #expect(configuration.recycling.scanIntervalMs == 500)
        let rules = configuration.recyclingRules
        try #require(rules.count == 3)
        guard case .processes(let match, let capBytes, let anonShmemOnly) = rules[0].subject,
            case .signal(let signal) = rules[0].action
        else {
            Issue.record("rule 0 is \(rules[0].subject), \(rules[0].action)")
            return
        }
        #expect(match.summary == "comm=gunicorn")
        #expect(capBytes == 1 << 20)
        #expect(!anonShmemOnly)
        #expect(signal == Signal(rawValue: SIGUSR1))
        #expect(rules[0].overForMs == 30_000)
        #expect(rules[0].cooldownMs == 1_000)
        #expect(rules[0].name == "recycling.rules[0]")
        guard case .cgroupUsage("/batch", 2 << 20) = rules[1].subject, case .hook(let hook) = rules[1].action else {
            Issue.record("rule 1 is \(rules[1].subject), \(rules[1].action)")
            return
        }
        #expect(hook.path == "/bin/true")
        #expect(rules[1].cooldownMs == RecyclingConfig.Rule.defaultCooldownMs)
        guard case .cgroupHigh("/web") = rules[2].subject else {
            Issue.record("rule 2 is \(rules[2].subject)")
            return
        }
    }

    @Test func everyProblemIsListedAtItsJSONPath() {
        #expect(
            throws: ConfigurationError.invalid(
                path: "policy.json",
                problems: [
                    ConfigIssue(path: "recycling.scan_interval_ms", "5 must be in 100...3600000"),
                    ConfigIssue(
                        path: "recycling.rules[0].signal",
                        "\"SIGKILL\" is not one of SIGTERM, SIGUSR1, SIGUSR2, SIGHUP, SIGINT, SIGQUIT"),
                    ConfigIssue(
                        path: "recycling.rules[1].rss_cap_bytes",
                        "required above 0 with match: the RSS cap of each matching process"),
                    ConfigIssue(path: "recycling.rules[1].cooldown_ms", "-1 must be in 0...86400000"),
                    ConfigIssue(
                        path: "recycling.rules[2].over_for_ms", "required: how long over the cap before acting"),
                    ConfigIssue(path: "recycling.rules[2].hook", "a rule has a signal or a hook, not both"),
                    ConfigIssue(
                        path: "recycling.rules[3].usage_cap_bytes",
                        "a cgroup rule needs usage_cap_bytes (v1) or use_memory_high (v2)"),
                    ConfigIssue(path: "recycling.rules[4].hook.path", "\"restart\" is not an absolute path"),
                    ConfigIssue(path: "recycling.rules[5].cgroup", "a rule has a match or a cgroup, not both"),
                    ConfigIssue(path: "recycling.rules[6]", "needs a signal or a hook"),
                ])
        ) {
            try decode(
                """
                {"recycling": {"scan_interval_ms": 5, "rules": [
                  {"match": {"comm": "a"}, "rss_cap_bytes": 1, "over_for_ms": 1, "signal": "SIGKILL"},
                  {"match": {"comm": "a"}, "over_for_ms": 1, "signal": "SIGTERM", "cooldown_ms": -1},
                  {"cgroup": "/a", "use_memory_high": true, "signal": "SIGTERM", "hook": {"path": "/bin/true"}},
                  {"cgroup": "/a", "over_for_ms": 1, "signal": "SIGTERM"},
                  {"cgroup": "/a", "use_memory_high": true, "over_for_ms": 1, "hook": {"path": "restart"}},
                  {"match": {"comm": "a"}, "cgroup": "/a", "over_for_ms": 1, "signal": "SIGTERM"},
                  {"match": {"comm": "a"}, "rss_cap_bytes": 1, "over_for_ms": 1}]}}
                """)
        }
    }

    @Test func aMatchRuleProblemIsListedUnderTheRulesMatch() {
        #expect(
            throws: ConfigurationError.invalid(
                path: "policy.json",
                problems: [ConfigIssue(path: "recycling.rules[0].match.exe", "\"python\" is not an absolute path")])
        ) {
            try decode(
                """
                {"recycling": {"rules": [
                  {"match": {"exe": "python"}, "rss_cap_bytes": 1, "over_for_ms": 1, "signal": "SIGTERM"}]}}
                """)
        }
    }
}
