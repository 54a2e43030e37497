import MemSense
import TestSupport
import Testing

@testable import fastoomd

@Suite struct TargetsCommandTests {
    static func rules(_ json: String) throws -> PodRules {
        let tree = try TemporaryTree()
        try tree.write("config.json", json)
        switch PodRulesFile.rules(at: tree.root + "/config.json") {
        case .success(let rules): return rules
        case .failure(let error): throw error
        }
    }

    @Test func fixtureNodeListsPodsAndContainersWithTheRuleThatMatched() throws {
        let layout = FixturePaths.containerLayout("v2-containerd")
        let source = DirectorySource(root: layout)
        let rules = try Self.rules(
            #"{"pods": {"rules": [{"name": "databases", "namespace": "shop", "pod_name_regex": "^db-", "protect": true}], "default": {"name": "others", "preset": "medium"}}}"#
        )
        let found = try TargetsCommand.reports(
            source: source, runtime: RuntimeMetadata(source: source, root: layout + "/runtime"), cgroups: [],
            rules: rules)
        #expect(found.map(\.kind) == ["node", "container", "pod", "container", "pod", "container"])
        #expect(found[0].limitBytes == 24_683_656 * 1024)
        #expect(found[0].availableBytes == 24_324_952 * 1024)
        #expect(found.map(\.rule) == ["node", "others", "others", "others", "databases", "databases"])
        #expect(found[1].name == "shop/web-7d4b9c-x2x9q/nginx")
        #expect(found[1].containerName == "nginx")
        #expect(found[3].sandbox == true)
        #expect(found[4].podUid == "7bdc25d1-694e-f984-782a-16f6f1710c1c")
        #expect(found[4].cgroupVersion == "v2")
        #expect(found[5].name == "shop/db-0/postgres")
        #expect(found[5].limitBytes == 1_073_741_824)
        #expect(found[5].usageBytes == 500_000_000)
    }

    @Test func badPodRulesAreAllReportedWithTheirPaths() {
        let tree = try? TemporaryTree()
        try? tree?.write(
            "config.json",
            #"{"pods": {"rules": [{"name": "a", "pod_name_regex": "(", "preset": "extreme"}, {"name": "a", "granularity": "node", "thresholds": {"bogus": 1}}], "default": {"name": "d", "namespace": "x"}}}"#
        )
        guard case .failure(.invalid(let problems)) = PodRulesFile.rules(at: (tree?.root ?? "") + "/config.json") else {
            Issue.record("the configuration was accepted")
            return
        }
        #expect(problems.count == 6)
        #expect(problems.contains { $0.hasPrefix("pods.rules[0].pod_name_regex: invalid regex") })
        #expect(
            problems.contains {
                $0.hasPrefix("pods.rules[0].preset: unknown preset \"extreme\" (known: high, low, medium)")
            })
        #expect(problems.contains { $0 == "pods.rules[1].name: \"a\" names two rules" })
        #expect(problems.contains { $0.hasPrefix("pods.rules[1].granularity: unknown granularity \"node\"") })
        #expect(problems.contains { $0.hasPrefix("pods.rules[1].thresholds.bogus: unknown threshold") })
        #expect(problems.contains { $0.hasPrefix("pods.default: the default rule matches every pod") })
    }

    @Test func podRulesMatchByNamespaceAndNameRegexInOrder() throws {
        let rules = try Self.rules(
            #"{"pods": {"rules": [{"name": "jobs", "namespace": "batch", "pod_name_regex": "^job-", "prefer": true, "granularity": "cgroup"}, {"name": "batch", "namespace": "batch"}, {"name": "web", "pod_name_regex": "web"}]}}"#
        )
        #expect(rules.rule(podName: "job-17", namespace: "batch").name == "jobs")
        #expect(rules.rule(podName: "job-17", namespace: "batch").granularity == "cgroup")
        #expect(rules.rule(podName: "cron-job-17", namespace: "batch").name == "batch")
        #expect(rules.rule(podName: "my-web-1", namespace: "shop").name == "web")
        #expect(rules.rule(podName: "db-0", namespace: "shop").name == "default")
        #expect(rules.rule(podName: nil, namespace: nil).name == "default")
        #expect(rules.rule(for: DiscoveredTarget(kind: .node)) == nil)
        #expect(
            rules.rule(for: DiscoveredTarget(kind: .pod, podUID: "u", podName: "job-1", podNamespace: "batch"))?.name
                == "jobs")
    }

    @Test func targetsRejectsUnknownOptionsAndArguments() {
        #expect(throws: UsageError.self) { try TargetsCommand.run(["--pods"]) }
        #expect(throws: UsageError.self) { try TargetsCommand.run(["node"]) }
    }

    @Test(.tags(.kernel), .enabled(if: KernelGate.shouldRun))
    func thisMachineListsTheNodeAndThisProcesssMemoryCgroup() throws {
        let source = DirectorySource()
        let own = try #require(try CgroupLocation.memoryCgroup(in: source))
        let found = try TargetsCommand.reports(
            source: source, runtime: RuntimeMetadata(source: source), cgroups: [], rules: try Self.rules("{}"))
        #expect(found.first?.kind == "node")
        #expect((found.first?.limitBytes ?? 0) > 0)
        #expect((found.first?.availableBytes ?? 0) > 0)
        let mine = try #require(found.first { $0.cgroup == own.path })
        #expect(mine.rule == "self")
        #expect(mine.kind == "cgroup")
        #expect((mine.usageBytes ?? 0) > 0)
    }
}
