import MemSense
import TestSupport
import Testing

@testable import fastoomd

@Suite struct TargetsCommandTests {
    static func rules(_ json: String) throws -> PodRules? {
        try Configuration.decoding(Array(json.utf8), path: "config.json").podRules
    }

    @Test func fixtureNodeListsPodsAndContainersWithTheRuleThatMatched() throws {
        let layout = FixturePaths.containerLayout("v2-containerd")
        let source = DirectorySource(root: layout)
        let rules = try Self.rules(
            #"{"pods": {"rules": [{"name": "databases", "namespace": "shop", "pod_name_regex": "^db-", "protect": [{"comm": "postgres"}]}], "default": {"name": "others", "preset": "medium"}}}"#
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

    @Test func withoutAPodsSectionPodsAreOnlyDiscovered() throws {
        let layout = FixturePaths.containerLayout("v2-containerd")
        let source = DirectorySource(root: layout)
        let found = try TargetsCommand.reports(
            source: source, runtime: RuntimeMetadata(source: source, root: layout + "/runtime"), cgroups: [],
            rules: try Self.rules("{}"))
        #expect(found.map(\.rule) == ["node", "discovered", "discovered", "discovered", "discovered", "discovered"])
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
