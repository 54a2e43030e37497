import Glibc
import KillPolicy
import MemSense
import TestSupport
import Testing

@testable import fastoomd

private struct Sections: Decodable {
    var hooks: HooksConfig
}

private func hooks(_ json: String) throws -> HooksConfig {
    try JSON.decode(Sections.self, from: json.utf8).hooks
}

@Suite struct HooksConfigTests {
    @Test func hooksDecodeWithTheirDefaults() throws {
        let config = try hooks(
            """
            {"hooks": {"near_oom": [{"path": "/usr/bin/logger", "args": ["near oom"]}],
                       "before_kill": [{"path": "/usr/bin/true", "timeout_ms": 500, "head_start_ms": 200}]}}
            """)
        #expect(config.nearOOM == [HookConfig(path: "/usr/bin/logger", args: ["near oom"])])
        #expect(config.beforeKill.first?.effectiveHeadStartMs == 200)
        #expect(config.nearOOM.first?.effectiveHeadStartMs == HookConfig.defaultHeadStartMs)
        #expect(config.afterKill.isEmpty)
        #expect(config.issues(at: "hooks", checkingFiles: false).isEmpty)
    }

    @Test func everyBadValueIsListedAtItsJSONPath() throws {
        let config = try hooks(
            """
            {"hooks": {"near_oom": [{"path": "logger", "head_start_ms": 10}, {"args": []}],
                       "before_kill": [{"path": "/bin/true", "timeout_ms": 100, "head_start_ms": 200},
                                       {"path": "/bin/true", "timeout_ms": 0, "shell": true}],
                       "on_kill": []}}
            """)
        let found = config.issues(at: "hooks", checkingFiles: false).map(\.description)
        #expect(
            found.sorted() == [
                "hooks.before_kill[0].head_start_ms: 200 must be in 0...1000 and <= timeout_ms",
                "hooks.before_kill[1].shell: unknown key (known: args, comment, head_start_ms, path, timeout_ms)",
                "hooks.before_kill[1].timeout_ms: 0 must be in 1...600000",
                "hooks.near_oom[0].head_start_ms: only before_kill hooks have a head start",
                "hooks.near_oom[0].path: \"logger\" is not an absolute path",
                "hooks.near_oom[1].path: required: the hook's absolute path",
                "hooks.on_kill: unknown key (known: after_kill, before_kill, comment, near_oom)",
            ])
    }

    @Test(.tags(.kernel), .enabled(if: KernelGate.shouldRun))
    func aWorldWritableHookIsRefusedAtLoad() throws {
        try withTemporaryDirectory { directory in
            let hook = directory + "/hook"
            try makeFile(hook, mode: 0o777)
            chmod(hook, 0o777)
            let config = HooksConfig(afterKill: [HookConfig(path: hook)])
            #expect(
                config.issues(at: "hooks", checkingFiles: true).map(\.description) == [
                    "hooks.after_kill[0].path: refused: \(hook): writable by group or others (mode 0777); chmod go-w it"
                ])
        }
    }
}
