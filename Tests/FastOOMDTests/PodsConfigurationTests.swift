import KillPolicy
import MemSense
import Predictor
import Testing

@testable import fastoomd

/// The `pods` section of the one configuration: its rules, what each compiles to, and every
/// problem at its JSON path.
@Suite struct PodsConfigurationTests {
    static func configuration(_ pods: String, killPolicy: String? = nil) throws(ConfigurationError) -> Configuration {
        let policy = killPolicy.map { #", "kill_policy": \#($0)"# } ?? ""
        return try Configuration.decoding(Array(#"{"pods": \#(pods)\#(policy)}"#.utf8), path: "config.json")
    }

    @Test func badPodRulesAreAllReportedWithTheirPaths() {
        let pods = #"""
            {"rules": [{"name": "a", "pod_name_regex": "(", "preset": "extreme"},
                       {"name": "a", "granularity": "node", "thresholds": {"bogus": 1, "near_oom_probability": 2},
                        "protect": [{"comm_regex": "["}], "prefer": [{}], "colour": "red"},
                       {"namespace": "x"}],
             "default": {"name": "d", "namespace": "x"}, "cgroup_root": "kubepods"}
            """#
        #expect {
            try Self.configuration(pods)
        } throws: { error in
            guard case ConfigurationError.invalid(let path, let problems) = error else { return false }
            let lines = problems.map(\.description)
            #expect(path == "config.json")
            #expect(lines.contains { $0.hasPrefix("pods.rules[0].pod_name_regex: invalid regex \"(\"") })
            #expect(lines.contains { $0.hasPrefix("pods.rules[0].preset: ") })
            #expect(lines.contains("pods.rules[1].name: \"a\" names two rules"))
            #expect(
                lines.contains("pods.rules[1].granularity: unknown granularity \"node\" (known: process, container)"))
            #expect(lines.contains { $0.hasPrefix("pods.rules[1].thresholds.bogus: unknown threshold (known: ") })
            #expect(lines.contains("pods.rules[1].thresholds.near_oom_probability: must be a probability in 0...1"))
            #expect(lines.contains { $0.hasPrefix("pods.rules[1].protect[0].comm_regex: invalid regex") })
            #expect(lines.contains { $0.hasPrefix("pods.rules[1].prefer[0]: ") })
            #expect(lines.contains { $0.hasPrefix("pods.rules[1].colour: unknown key") })
            #expect(lines.contains { $0.hasPrefix("pods.rules[2].name: required") })
            #expect(lines.contains("pods.default: the default rule matches every pod: no namespace or regex"))
            #expect(lines.contains("pods.cgroup_root: \"kubepods\" does not start with /"))
            #expect(
                lines.contains("pods.rules[1].thresholds.near_oom_probability: must not exceed critical_probability"))
            #expect(lines.count == 13)
            return true
        }
    }

    @Test func podRulesMatchByNamespaceAndNameRegexInOrder() throws {
        let configuration = try Self.configuration(
            #"{"rules": [{"name": "jobs", "namespace": "batch", "pod_name_regex": "^job-"}, {"name": "batch", "namespace": "batch"}, {"name": "web", "pod_name_regex": "web"}]}"#
        )
        let rules = try #require(configuration.podRules)
        #expect(rules.rule(podName: "job-17", namespace: "batch").name == "jobs")
        #expect(rules.rule(podName: "cron-job-17", namespace: "batch").name == "batch")
        #expect(rules.rule(podName: "my-web-1", namespace: "shop").name == "web")
        #expect(rules.rule(podName: "db-0", namespace: "shop").name == "default")
        #expect(rules.rule(podName: nil, namespace: nil).name == "default")
        #expect(rules.rule(for: DiscoveredTarget(kind: .node)) == nil)
        #expect(
            rules.rule(for: DiscoveredTarget(kind: .pod, podUID: "u", podName: "job-1", podNamespace: "batch"))?.name
                == "jobs")
    }

    @Test func ruleAddsItsProtectAndPreferToTheGlobalPolicyAndSetsItsGranularity() throws {
        let configuration = try Self.configuration(
            #"""
            {"rules": [{"name": "jobs", "namespace": "batch", "preset": "low",
                        "thresholds": {"near_oom_probability": 0.8, "minimum_dwell_ms": 500},
                        "granularity": "container", "protect": [{"comm": "envoy"}], "prefer": [{"comm": "spark"}]}]}
            """#,
            killPolicy: #"""
                {"protect": [{"comm": "sshd"}], "avoid": [], "kill": {"granularity": "process_group",
                 "targets": [{"cgroup_prefix": "/kubepods", "granularity": "process"}]}}
                """#)
        let rules = try #require(configuration.podRules)
        let jobs = rules.rule(podName: "job-1", namespace: "batch")
        #expect(jobs.preset == .low)
        var expected = PresetThresholds.low
        expected.nearOOMProbability = 0.8
        expected.minimumDwellMs = 500
        #expect(jobs.thresholds == expected)
        #expect(jobs.policy.protect.count == 2)
        #expect(jobs.policy.prefer.count == 1)
        #expect(jobs.policy.plan(forTarget: "/kubepods/pod1", hasTimeForGrace: false).granularity == .cgroup)
        // The default rule: the global policy as written, the predictor's preset.
        let others = rules.default
        #expect(others.preset == .medium)
        #expect(others.thresholds == .medium)
        #expect(others.policy.protect.count == 1)
        #expect(others.policy.prefer.isEmpty)
        #expect(others.policy.plan(forTarget: "/kubepods/pod1", hasTimeForGrace: false).granularity == .process)
    }

    @Test func absentPodsSectionWatchesNoPod() throws {
        let configuration = try Configuration.decoding(Array("{}".utf8), path: "config.json")
        #expect(configuration.pods == nil)
        #expect(configuration.podRules == nil)
    }
}
