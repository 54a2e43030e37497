import Glibc
import LinuxSys
import MemSense
import TestSupport
import Testing

@testable import fastoomd

/// `fastoomd run` applying an `oom_score_adj` rule on the real kernel. The daemon watches only an
/// idle memory cgroup of its own, so it has nothing to kill; the rule matches one test process by
/// a comm nothing else on the machine has.
@Suite(.tags(.kernel), .enabled(if: KernelGate.shouldRun)) struct RunPolicyKernelTests {
    @Test func anOOMScoreAdjRuleRaisesAMatchingProcessWithinOneSchedulePeriod() throws {
        let group = try TestCgroup(limitBytes: 64 << 20)
        defer { group.destroy() }
        try withTemporaryDirectory { directory in
            // The kernel names a process after the file it was started from: a link to sleep.
            let comm = "fo-adj-\(getpid() % 100_000)"
            try #require(symlink("/bin/sleep", directory + "/" + comm) == 0)
            let configPath = directory + "/policy.json"
            let text = """
                {"daemon": {"watch_node": false, "targets": [{"cgroup": "\(group.directory)"}]},
                 "oom_score_adj": {"period_ms": 1000, "rules": [{"match": {"comm": "\(comm)"}, "adj": 500}]}}
                """
            let daemon = try DaemonUnderTest(
                configuration: text, configPath: configPath, arguments: ["--log", directory + "/events.jsonl"])
            #expect(try daemon.next(timeoutMs: 10_000)?.kind == .started)
            // Past the first scan, which comes at the first tick, just after `started`.
            usleep(300_000)
            let process = try ChildProcess.spawn([directory + "/" + comm, "60"])
            let spawnedMs = MonotonicClock.nowMs()
            var set: Event?
            while set == nil, let event = try daemon.next(timeoutMs: max(0, spawnedMs + 2_000 - MonotonicClock.nowMs()))
            {
                if event.kind == .oomScoreAdjSet { set = event }
            }
            let elapsedMs = MonotonicClock.nowMs() - spawnedMs
            let event = try #require(set, "no oom_score_adj_set within two periods")
            // One period, with room for the scan itself on a busy machine.
            #expect(elapsedMs <= 1_250, "set \(elapsedMs) ms after the start")
            #expect(event.process?.pid == process.pid)
            #expect(event.process?.comm == comm)
            #expect(event.oldOOMScoreAdj == 0)
            #expect(event.newOOMScoreAdj == 500)
            #expect(event.dryRun == false)
            #expect(try LiveFiles.text("/proc/\(process.pid)/oom_score_adj") == "500\n")
            try send(signal: .terminate, to: daemon.process.pid)
            while let event = try daemon.next(timeoutMs: 5000), event.kind != .stopped {}
            #expect(daemon.process.reap(timeoutMs: 5000) == .exited(code: 0))
        }
    }
}
