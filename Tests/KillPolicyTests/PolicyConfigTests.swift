import KillPolicy
import MemSense
import Testing

@Suite struct PolicyConfigTests {
    @Test func theShippedPolicyLoadsWithItsDocumentedDefaults() throws {
        let text = try shippedPolicyText()
        let config = try JSON.decode(PolicyFile.self, from: text.utf8).killPolicy
        let policy = try Policy(validating: config)
        #expect(
            policy.protect.map(\.summary) == [
                "comm~^sshd(-session|-auth)?$", "comm=systemd", "comm=init", "comm=systemd-journal", "comm=cron",
                "comm=crond", "comm=dbus-daemon", "comm=dbus-broker", "comm=dbus-broker-lau", "comm=containerd",
                "comm=containerd-shim", "comm=dockerd", "comm=kubelet", "comm=fastoomd",
            ])
        #expect(
            policy.avoid.map(\.summary) == [
                "comm=postgres", "comm=postmaster", "comm=mysqld", "comm=mariadbd", "comm=mongod", "comm=redis-server",
                "comm=valkey-server", "comm=etcd",
            ])
        #expect(policy.prefer.isEmpty)
        #expect(
            policy.weights
                == RankingWeights(oomScore: 0, oomScoreAdj: 1, freeablePermille: 1, comment: config.weights.comment))
        #expect(policy.kill.granularity == .process)
        #expect(policy.kill.sigtermGraceMs == 0)
        #expect(policy.kill.exitWaitMs == 1_000)
        #expect(policy.governor.cooldownMs == 0)
        #expect(policy.governor.maxKills == 64)
        #expect(policy.governor.windowMs == 10_000)
    }

    @Test func omittedSettingsTakeTheShippedValues() throws {
        let minimal = try loadPolicy(fromJSON: #"{ "kill_policy": { "protect": [], "avoid": [] } }"#)
        let shipped = try loadPolicy(fromJSON: shippedPolicyText())
        func uncommented<T>(_ value: T, _ comment: WritableKeyPath<T, String?>) -> T {
            var value = value
            value[keyPath: comment] = nil
            return value
        }
        #expect(minimal.weights == uncommented(shipped.weights, \.comment))
        #expect(minimal.kill == uncommented(shipped.kill, \.comment))
        #expect(minimal.governor == uncommented(shipped.governor, \.comment))
    }

    @Test func everyShippedChoiceIsExplained() throws {
        let config = try JSON.decode(PolicyFile.self, from: try shippedPolicyText().utf8).killPolicy
        let rules = config.protect + config.avoid + config.prefer
        #expect(rules.allSatisfy { ($0.comment ?? "").count > 20 })
        #expect(config.comment != nil && config.weights.comment != nil)
        #expect(config.kill.comment != nil && config.governor.comment != nil)
    }

    @Test func aConfigRoundTripsThroughJSON() throws {
        let config = try JSON.decode(PolicyFile.self, from: try shippedPolicyText().utf8)
        let encoded = try JSON.encode(config)
        #expect(try JSON.decode(PolicyFile.self, from: encoded).killPolicy == config.killPolicy)
    }

    @Test func everyProblemIsListedWithItsJSONPath() throws {
        let text = #"""
            {
              "predictor": { "anything": 1 },
              "kill_policy": {
                "protect": [
                  { "comm": "sshd" },
                  { "comm": "systemd-journald" },
                  { "comm_regex": "(" },
                  { "comment": "matches nothing" },
                  { "uid": -1 },
                  "sshd",
                  { "exe": "usr/bin/x", "cgroup_prefix": "kubepods" }
                ],
                "prefer": [{ "cmdline_regex": "" }],
                "weights": { "oom_score": -1, "freeable_permile": 2 },
                "kill": {
                  "granularity": "pod",
                  "exit_wait_ms": -5,
                  "targets": [{ "cgroup_prefix": "x", "granularity": "cgroup" }, { "granularity": "process" }]
                },
                "governor": { "max_kills": 0, "window_ms": "10s" },
                "protcet": []
              }
            }
            """#
        let found = try issues(ofJSON: text)
        #expect(
            found.map(\.path) == [
                "kill_policy.protcet",
                "kill_policy.protect[4].uid",
                "kill_policy.protect[5]",
                "kill_policy.avoid",
                "kill_policy.weights.freeable_permile",
                "kill_policy.kill.granularity",
                "kill_policy.kill.targets[1].cgroup_prefix",
                "kill_policy.governor.window_ms",
                "kill_policy.protect[1].comm",
                "kill_policy.protect[2].comm_regex",
                "kill_policy.protect[3]",
                "kill_policy.protect[6].exe",
                "kill_policy.protect[6].cgroup_prefix",
                "kill_policy.prefer[0].cmdline_regex",
                "kill_policy.weights.oom_score",
                "kill_policy.kill.exit_wait_ms",
                "kill_policy.kill.targets[0].cgroup_prefix",
                "kill_policy.governor.max_kills",
            ])
        let described = found.map(\.description)
        #expect(described.contains(#"kill_policy.protect[2].comm_regex: invalid regex "(": Unmatched ( or \("#))
        #expect(described.contains("kill_policy.protect[5]: expected an object"))
        #expect(described.contains { $0.hasPrefix("kill_policy.protect[4].uid: not a valid UInt32: ") })
        #expect(described.contains("kill_policy.avoid: required: a list of rules; [] avoids nothing"))
        #expect(
            described.contains(
                #"kill_policy.kill.granularity: unknown granularity "pod" (known: process, process_group, cgroup)"#))
        #expect(
            described.contains(
                #"kill_policy.protect[1].comm: "systemd-journald" is 16 bytes; comm has 1 to 15 (the kernel "#
                    + "truncates longer names), so it can never match"))
        #expect(described.contains("kill_policy.prefer[0].cmdline_regex: empty regex matches every process"))
        #expect(described.contains("kill_policy.weights.oom_score: weight -1.0 must be a finite number >= 0"))
        #expect(
            described.contains(
                "kill_policy.weights.freeable_permile: unknown key (known: comment, freeable_permille, "
                    + "oom_score, oom_score_adj)"))
    }

    @Test func otherModulesSectionsAreIgnoredButUnknownKeysOfThisOneAreNot() throws {
        let valid =
            #"{ "predictor": { "preset": "high" }, "daemon": {}, "kill_policy": { "protect": [], "avoid": [] } }"#
        #expect(try issues(ofJSON: valid) == [])
        let typo = #"{ "daemon": {}, "kill_policy": { "protect": [], "avoid": [], "prefered": [] } }"#
        #expect(try issues(ofJSON: typo).map(\.path) == ["kill_policy.prefered"])
    }

    @Test func theErrorNamesHowManyProblemsThereAre() {
        let error = KillPolicyError.invalidConfig([
            ConfigIssue(path: "kill_policy.avoid", "required"),
            ConfigIssue(path: "kill_policy.kill.exit_wait_ms", "-1"),
        ])
        #expect(
            error.description
                == "invalid policy (2 problems):\n  kill_policy.avoid: required\n  kill_policy.kill.exit_wait_ms: -1")
    }

    @Test func granularityFollowsTheLongestMatchingTargetPrefix() throws {
        let policy = try Policy(
            validating: KillPolicyConfig(
                kill: KillSettings(
                    targets: [
                        TargetGranularity(cgroupPrefix: "/kubepods/", granularity: .cgroup),
                        TargetGranularity(cgroupPrefix: "/kubepods/besteffort/", granularity: .processGroup),
                    ], sigtermGraceMs: 3_000)))
        #expect(
            policy.plan(forTarget: nil, hasTimeForGrace: true) == KillPlan(granularity: .process, sigtermGraceMs: 3_000)
        )
        #expect(
            policy.plan(forTarget: "/kubepods/burstable/pod1", hasTimeForGrace: false) == KillPlan(granularity: .cgroup)
        )
        #expect(
            policy.plan(forTarget: "/kubepods/besteffort/pod2", hasTimeForGrace: false).granularity == .processGroup)
        #expect(policy.plan(forTarget: "/system.slice/x.service", hasTimeForGrace: false).granularity == .process)
    }
}
