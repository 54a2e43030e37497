import KillPolicy
import MemSense
import Testing

/// A configuration file reduced to the `oom_score_adj` section, so decoding paths start there.
private struct Sections: Decodable {
    var oomScoreAdj: OOMScoreAdjConfig

    enum CodingKeys: String, CodingKey {
        case oomScoreAdj = "oom_score_adj"
    }
}

private func rules(_ json: String) throws -> OOMScoreAdjRules {
    let config = try JSON.decode(Sections.self, from: json.utf8).oomScoreAdj
    return try OOMScoreAdjRules(validating: config)
}

private func issues(_ json: String) throws -> [String] {
    do {
        _ = try rules(json)
        return []
    } catch let error as KillPolicyError {
        guard case .invalidConfig(let issues) = error else { return ["\(error)"] }
        return issues.map(\.description)
    }
}

@Suite struct OOMScoreAdjRulesTests {
    @Test func theFirstMatchingRuleWinsAndProcessesAlreadyThereAreLeftAlone() throws {
        let rules = try rules(
            """
            {"oom_score_adj": {"period_ms": 30000, "rules": [
                {"match": {"comm_regex": "^sshd(-session)?$"}, "adj": -1000},
                {"match": {"cmdline_regex": "sshd"}, "adj": 500},
                {"match": {"uid": 1000}, "adj": 200}
            ]}}
            """)
        #expect(rules.periodMs == 30_000)
        let table = [
            process(10, "sshd", oomScoreAdj: 0),
            process(11, "sshd-session", oomScoreAdj: -1000),
            process(12, "python3", commandLine: ["/usr/bin/python3", "sshd-audit.py"], uid: 0),
            process(13, "bash", oomScoreAdj: 0, uid: 1000),
            process(14, "bash", oomScoreAdj: 0, uid: 33),
        ]
        let changes = rules.changes(in: table, ownPID: ownPID)
        #expect(changes.map(\.process.pid) == [10, 12, 13])
        #expect(changes.map(\.wantedAdj) == [-1000, 500, 200])
        #expect(changes.map(\.currentAdj) == [0, 0, 0])
        #expect(changes.map(\.rule) == ["comm~^sshd(-session)?$", "cmdline~sshd", "uid=1000"])
        #expect(changes.map(\.isLowering) == [true, false, false])
    }

    @Test func kernelThreadsZombiesAndFastoomdItselfAreNeverTouched() throws {
        let rules = try rules(#"{"oom_score_adj": {"rules": [{"match": {"uid": 0}, "adj": 900}]}}"#)
        let table = [
            process(2, "kthreadd", uid: 0, isKernelThread: true),
            process(20, "defunct", uid: 0, state: "Z"),
            process(ownPID, "fastoomd", oomScoreAdj: -1000, uid: 0),
            process(21, "agetty", uid: 0),
        ]
        #expect(rules.changes(in: table, ownPID: ownPID).map(\.process.pid) == [21])
        #expect(rules.periodMs == OOMScoreAdjConfig.defaultPeriodMs)
    }

    @Test func noRulesMeansNoChanges() {
        #expect(OOMScoreAdjRules().changes(in: [process(30, "sshd")], ownPID: ownPID).isEmpty)
    }

    @Test func everyBadValueIsListedAtItsJSONPath() throws {
        let found = try issues(
            """
            {"oom_score_adj": {"period_ms": 10, "rulez": [], "rules": [
                {"match": {"comm": "sshd"}, "adj": -1001},
                {"adj": 5},
                {"match": {"comm_regex": "("}, "adj": 5},
                {"match": {}, "adj": 5},
                {"match": {"comm": "x"}}
            ]}}
            """)
        #expect(found.count == 7)
        #expect(found.contains { $0.hasPrefix("oom_score_adj.rulez: unknown key") })
        #expect(found.contains("oom_score_adj.period_ms: 10 must be in 1000...86400000"))
        #expect(found.contains("oom_score_adj.rules[0].adj: -1001 is not in -1000...1000"))
        #expect(found.contains("oom_score_adj.rules[1].match: required: the processes the rule sets"))
        #expect(found.contains { $0.hasPrefix("oom_score_adj.rules[2].match.comm_regex: invalid regex \"(\"") })
        #expect(found.contains { $0.hasPrefix("oom_score_adj.rules[3].match: rule has no matcher") })
        #expect(found.contains("oom_score_adj.rules[4].adj: required: the oom_score_adj to set, -1000...1000"))
    }
}
