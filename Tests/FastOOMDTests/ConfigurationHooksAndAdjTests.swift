import Glibc
import KillPolicy
import MemSense
import TestSupport
import Testing

@testable import fastoomd

private func write(_ text: String, to path: String) throws {
    try makeFile(path, mode: 0o644)
    let fd = open(path, O_WRONLY | O_TRUNC)
    try #require(fd >= 0)
    defer { close(fd) }
    let bytes = Array(text.utf8)
    try #require(Glibc.write(fd, bytes, bytes.count) == bytes.count)
}

@Suite struct ConfigurationHooksAndAdjTests {
    @Test func theOOMScoreAdjAndHooksSectionsAreReadWithTheOthers() throws {
        let configuration = try Configuration.decoding(
            Array(
                """
                {"oom_score_adj": {"period_ms": 5000, "rules": [{"match": {"comm": "sshd"}, "adj": -1000}]},
                 "hooks": {"after_kill": [{"path": "/usr/bin/logger", "args": ["killed"]}]}}
                """.utf8), path: "policy.json")
        #expect(configuration.oomScoreAdjRules.periodMs == 5_000)
        #expect(configuration.oomScoreAdjRules.rules.map(\.adj) == [-1000])
        #expect(configuration.hooks.afterKill == [HookConfig(path: "/usr/bin/logger", args: ["killed"])])
    }

    @Test func theirProblemsAreListedWithTheOthersAtTheirJSONPaths() {
        #expect(
            throws: ConfigurationError.invalid(
                path: "policy.json",
                problems: [
                    ConfigIssue(path: "oom_score_adj.rules[0].adj", "2000 is not in -1000...1000"),
                    ConfigIssue(path: "hooks.near_oom[0].path", "\"page\" is not an absolute path"),
                ])
        ) {
            try Configuration.decoding(
                Array(
                    """
                    {"oom_score_adj": {"rules": [{"match": {"comm": "sshd"}, "adj": 2000}]},
                     "hooks": {"near_oom": [{"path": "page"}]}}
                    """.utf8), path: "policy.json")
        }
    }

    @Test(.tags(.kernel), .enabled(if: KernelGate.shouldRun))
    func aGroupWritableConfigurationFileIsRefused() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/policy.json"
            try write("{}", to: path)
            #expect(try Configuration.load(path: path) == Configuration())
            chmod(path, 0o664)
            #expect(
                throws: ConfigurationError.invalid(
                    path: path,
                    problems: [
                        ConfigIssue(
                            path: "", "refused: \(path): writable by group or others (mode 0664); chmod go-w it")
                    ])
            ) { try Configuration.load(path: path) }
        }
    }

    @Test(.tags(.kernel), .enabled(if: KernelGate.shouldRun))
    func aConfigurationNamingAWorldWritableHookIsRefused() throws {
        try withTemporaryDirectory { directory in
            let hook = directory + "/hook"
            try makeFile(hook, mode: 0o755)
            chmod(hook, 0o757)
            let path = directory + "/policy.json"
            try write(#"{"hooks": {"before_kill": [{"path": "\#(hook)"}]}}"#, to: path)
            #expect(
                throws: ConfigurationError.invalid(
                    path: path,
                    problems: [
                        ConfigIssue(
                            path: "hooks.before_kill[0].path",
                            "refused: \(hook): writable by group or others (mode 0757); chmod go-w it")
                    ])
            ) { try Configuration.load(path: path) }
        }
    }
}
