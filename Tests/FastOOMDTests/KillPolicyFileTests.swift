import Glibc
import KillPolicy
import MemSense
import TestSupport
import Testing

@testable import fastoomd

@Suite struct KillPolicyFileTests {
    @Test func theBuiltInPolicyIsConfigPolicyJSONByteForByte() throws {
        let shipped = try PlainFile.contents(of: FixturePaths.packageRoot + "/config/policy.json", limitBytes: 1 << 20)
        #expect(Array((ShippedPolicy.json + "\n").utf8) == shipped)
    }

    @Test func withoutConfigOrInstalledFileTheBuiltInPolicyIsUsed() throws {
        try withTemporaryDirectory { directory in
            let file = try KillPolicyFile.load(configPath: nil, installedPath: directory + "/policy.json")
            #expect(file.origin == KillPolicyFile.builtInOrigin)
            #expect(file.policy.protect.first?.summary == "comm~^sshd(-session|-auth)?$")
            #expect(file.policy.protect.count == 14)
            #expect(file.policy.avoid.count == 8)
        }
    }

    @Test func anInstalledFileWinsOverTheBuiltInAndConfigWinsOverBoth() throws {
        try withTemporaryDirectory { directory in
            let installed = directory + "/installed.json"
            let given = directory + "/given.json"
            try write(#"{ "kill_policy": { "protect": [{ "comm": "a" }], "avoid": [] } }"#, to: installed)
            try write(#"{ "predictor": {}, "kill_policy": { "protect": [], "avoid": [{ "comm": "b" }] } }"#, to: given)
            let fromInstalled = try KillPolicyFile.load(configPath: nil, installedPath: installed)
            #expect(fromInstalled.origin == installed)
            #expect(fromInstalled.policy.protect.map(\.summary) == ["comm=a"])
            let fromGiven = try KillPolicyFile.load(configPath: given, installedPath: installed)
            #expect(fromGiven.origin == given)
            #expect(fromGiven.policy.protect.isEmpty)
            #expect(fromGiven.policy.avoid.map(\.summary) == ["comm=b"])
        }
    }

    @Test func aFileWithoutAKillPolicySectionOrWithBadRulesIsRefusedWithItsPath() throws {
        #expect(throws: KillPolicyFile.LoadError.self) {
            try KillPolicyFile.load(path: "p.json", bytes: Array(#"{ "predictor": {} }"#.utf8))
        }
        do {
            _ = try KillPolicyFile.load(
                path: "p.json", bytes: Array(#"{ "kill_policy": { "protect": [{ "comm_regex": "(" }] } }"#.utf8))
            Issue.record("a bad policy loaded")
        } catch {
            #expect(error.description.hasPrefix("p.json: invalid policy (2 problems)"))
            #expect(error.description.contains("kill_policy.protect[0]"))
            #expect(error.description.contains("kill_policy.avoid"))
        }
        #expect(throws: KillPolicyFile.LoadError.self) {
            try KillPolicyFile.load(configPath: "/nonexistent/fastoomd-policy.json")
        }
    }

    private func write(_ text: String, to path: String) throws {
        let file = try PlainFile(creating: path)
        try Array(text.utf8).withUnsafeBufferPointer { try file.write($0) }
        try file.close()
    }
}
