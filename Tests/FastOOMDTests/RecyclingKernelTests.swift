import Glibc
import LinuxSys
import MemSense
import TestSupport
import Testing

@testable import fastoomd

/// `fastoomd run` with a recycling rule against the real kernel: two hogs in a 256 MiB memory
/// cgroup under this shell's own, one holding 64 MiB over a 32 MiB RSS cap and one holding 8 MiB.
@Suite(.tags(.kernel), .enabled(if: KernelGate.shouldRun), .serialized)
struct RecyclingKernelTests {
    private static let capBytes: UInt64 = 32 << 20

    @Test(arguments: [false, true])
    func aRuleSignalsTheProcessOverItsRSSCapAndLeavesTheOneUnderItAlone(dryRun: Bool) throws {
        let group = try TestCgroup(limitBytes: 256 << 20)
        defer { group.destroy() }
        let big = try group.spawn(MemoryHog(megabytes: 64))
        let small = try group.spawn(MemoryHog(megabytes: 8))
        #expect(try big.readLine(timeoutMs: 10_000) == MemoryHog.readyLine)
        #expect(try small.readLine(timeoutMs: 10_000) == MemoryHog.readyLine)
        let hierarchyPath = try CgroupLocation.named(group.directory, in: DirectorySource()).path
        try withTemporaryDirectory { directory in
            let configPath = directory + "/policy.json"
            let sections = """
                {"watch_node": false, "targets": [{"cgroup": "\(group.directory)"}]},
                "recycling": {"scan_interval_ms": 200, "rules": [
                  {"match": {"comm_regex": "^python", "cgroup_prefix": "\(hierarchyPath)"},
                   "rss_cap_bytes": \(Self.capBytes), "over_for_ms": 500, "signal": "SIGTERM", "cooldown_ms": 60000}]}
                """
            let daemon = try DaemonUnderTest(
                configuration: try ShippedConfiguration.text(daemonSection: sections), configPath: configPath,
                arguments: ["--log", directory + "/events.jsonl"] + (dryRun ? ["--dry-run"] : []))
            let startMs = MonotonicClock.nowMs()
            while let event = try daemon.next(timeoutMs: 10_000), event.kind != .recycled {}
            let recycled = try #require(daemon.events.last { $0.kind == .recycled })
            #expect(MonotonicClock.nowMs() - startMs >= 500)
            #expect(recycled.victim?.pid == big.pid)
            #expect(recycled.signal == "SIGTERM")
            #expect(recycled.dryRun == dryRun)
            #expect(recycled.recycling?.rule == "recycling.rules[0]")
            #expect(recycled.recycling?.capBytes == Self.capBytes)
            #expect((recycled.recycling?.valueBytes ?? 0) > 64 << 20)
            #expect((recycled.recycling?.overForMs ?? 0) >= 500)
            if dryRun {
                #expect(big.reap(timeoutMs: 1_000) == nil)
            } else {
                #expect(big.reap(timeoutMs: 5_000) == .killed(.terminate))
            }
            // Several more scans: the small one stays under its cap and is never signalled.
            usleep(1_000_000)
            #expect(small.reap(timeoutMs: 0) == nil)
            try send(signal: .terminate, to: daemon.process.pid)
            while let event = try daemon.next(timeoutMs: 5000), event.kind != .stopped {}
            #expect(daemon.process.reap(timeoutMs: 5000) == .exited(code: 0))
            #expect(daemon.events.filter { $0.kind == .recycled }.map(\.victim?.pid) == [big.pid])
            #expect(!daemon.events.contains { $0.kind == .error })
        }
    }
}
