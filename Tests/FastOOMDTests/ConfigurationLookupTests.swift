import Glibc
import KillPolicy
import MemSense
import TestSupport
import Testing

@testable import fastoomd

/// Which file a command reads when given `--config` or not: the one `Configuration` loader that
/// `run`, `candidates` and `check-config` share.
@Suite struct ConfigurationLookupTests {
    @Test func theBuiltInPolicyIsConfigPolicyJSONByteForByte() throws {
        let shipped = try PlainFile.contents(of: FixturePaths.packageRoot + "/config/policy.json", limitBytes: 1 << 20)
        #expect(Array((ShippedPolicy.json + "\n").utf8) == shipped)
    }

    @Test func withoutConfigOrInstalledFileTheBuiltInPolicyIsUsed() throws {
        try withTemporaryDirectory { directory in
            let (configuration, origin) = try Configuration.load(
                configPath: nil, installedPath: directory + "/policy.json")
            #expect(origin == nil)
            #expect(configuration.policy.protect.first?.summary == "comm~^sshd(-session|-auth)?$")
            #expect(configuration.policy.protect.count == 14)
            #expect(configuration.policy.avoid.count == 8)
        }
    }

    @Test func anInstalledFileWinsOverTheBuiltInAndConfigWinsOverBoth() throws {
        try withTemporaryDirectory { directory in
            let installed = directory + "/installed.json"
            let given = directory + "/given.json"
            try write(#"{ "kill_policy": { "protect": [{ "comm": "a" }], "avoid": [] } }"#, to: installed)
            try write(#"{ "predictor": {}, "kill_policy": { "protect": [], "avoid": [{ "comm": "b" }] } }"#, to: given)
            let fromInstalled = try Configuration.load(configPath: nil, installedPath: installed)
            #expect(fromInstalled.origin == installed)
            #expect(fromInstalled.0.policy.protect.map(\.summary) == ["comm=a"])
            let fromGiven = try Configuration.load(configPath: given, installedPath: installed)
            #expect(fromGiven.origin == given)
            #expect(fromGiven.0.policy.protect.isEmpty)
            #expect(fromGiven.0.policy.avoid.map(\.summary) == ["comm=b"])
        }
    }

    @Test func aGivenFileThatIsMissingIsRefusedEvenWhenAnInstalledOneExists() throws {
        try withTemporaryDirectory { directory in
            let installed = directory + "/installed.json"
            try write(#"{ "kill_policy": { "protect": [], "avoid": [] } }"#, to: installed)
            #expect(throws: ConfigurationError.unreadable(.notFound(path: directory + "/none.json"))) {
                try Configuration.load(configPath: directory + "/none.json", installedPath: installed)
            }
        }
    }
}

/// `fastoomd check-config FILE` as a process: the built binary, its output lines and exit status.
@Suite struct CheckConfigCommandTests {
    /// Every line the command prints, and how it exited.
    private func checkConfig(_ arguments: [String]) throws -> (lines: [String], exit: ChildProcess.Exit?) {
        let child = try ChildProcess.spawn([BuiltProducts.fastoomd, "check-config"] + arguments)
        var lines: [String] = []
        while let line = try child.readLine(timeoutMs: 10_000) { lines.append(line) }
        return (lines, child.reap(timeoutMs: 10_000))
    }

    @Test func theShippedConfigurationIsValid() throws {
        let path = FixturePaths.packageRoot + "/config/policy.json"
        let result = try checkConfig([path])
        #expect(result.lines == ["\(path): valid"])
        #expect(result.exit == .exited(code: 0))
    }

    @Test func aBrokenConfigurationListsEveryProblemOfEverySectionWithItsPathAndHint() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/broken.json"
            try write(
                """
                {"predictor": {"preset": "extreme"},
                 "kill_policy": {"protect": [{"comm_regex": "("}], "avoid": [], "protcet": [],
                                 "kill": {"granularity": "pod"}},
                 "daemon": {"min_interval_ms": 0, "targets": [{"preset": "low"}]}}
                """, to: path)
            let result = try checkConfig([path])
            #expect(
                result.lines == [
                    "\(path): predictor.preset: unknown preset \"extreme\" (known: low, medium, high)",
                    "\(path): kill_policy.protcet: unknown key "
                        + "(known: avoid, comment, governor, kill, prefer, protect, weights)",
                    "\(path): kill_policy.kill.granularity: unknown granularity \"pod\" "
                        + "(known: process, process_group, cgroup)",
                    "\(path): kill_policy.protect[0].comm_regex: invalid regex \"(\": Unmatched ( or \\(",
                    "\(path): daemon.targets[0].cgroup: required: the cgroup's directory or hierarchy path",
                    "\(path): daemon.min_interval_ms: 0 must be in 1...60000",
                    "\(path): 6 problems",
                ])
            #expect(result.exit == .exited(code: 1))
        }
    }

    @Test func aMissingUnreadableOrNonJSONFileIsNamedWithWhatIsWrong() throws {
        try withTemporaryDirectory { directory in
            let missing = try checkConfig([directory + "/none.json"])
            #expect(missing.lines == ["\(directory)/none.json: no such file"])
            #expect(missing.exit == .exited(code: 1))

            let notAFile = try checkConfig([directory])
            #expect(notAFile.lines == ["\(directory): read failed (Is a directory, errno 21)"])
            #expect(notAFile.exit == .exited(code: 1))

            let path = directory + "/truncated.json"
            try write(#"{"kill_policy": {"#, to: path)
            let truncated = try checkConfig([path])
            #expect(truncated.lines.first?.hasPrefix("\(path): not valid JSON: ") == true)
            #expect(truncated.lines.last == "\(path): 1 problem")
            #expect(truncated.exit == .exited(code: 1))

            let array = directory + "/array.json"
            try write("[1]", to: array)
            #expect(try checkConfig([array]).lines == ["\(array): must be a JSON object", "\(array): 1 problem"])
        }
    }

    @Test func noFileOrTwoFilesIsAUsageError() throws {
        #expect(try checkConfig([]).exit == .exited(code: 2))
        #expect(try checkConfig(["a.json", "b.json"]).exit == .exited(code: 2))
    }
}

private func write(_ text: String, to path: String) throws {
    let file = try PlainFile(creating: path)
    try Array(text.utf8).withUnsafeBufferPointer { try file.write($0) }
    try file.close()
}
