import Glibc
import LinuxSys
import MemSense
import TestSupport
import Testing

@testable import fastoomd

/// `fastoomd run` against the real kernel: a 256 MiB memory cgroup under this shell's own, with
/// a small service and a hog that grows by 8 MiB every 100 ms until the limit.
@Suite(.tags(.kernel), .enabled(if: KernelGate.shouldRun), .serialized)
struct RunKernelTests {
    private static let limitBytes = 256 << 20

    /// What one run came to: the daemon's events until the one that ended the wait, and the
    /// state of the group and its processes after it.
    private struct Outcome {
        var events: [Event]
        var hogExit: ChildProcess.Exit?
        var isServiceAlive: Bool
        var oomKillCount: Int
        var loggedLines: [String]
    }

    private func run(dryRun: Bool) throws -> Outcome {
        let group = try TestCgroup(limitBytes: Self.limitBytes)
        defer { group.destroy() }
        var outcome: Outcome?
        try withTemporaryDirectory { directory in
            let configPath = directory + "/policy.json"
            let daemonSection = #"{"watch_node": false, "targets": [{"cgroup": "\#(group.directory)"}]}"#
            let service = try group.spawn(MemoryHog(megabytes: 16))
            #expect(try service.readLine(timeoutMs: 10_000) == MemoryHog.readyLine)
            let logPath = directory + "/events.jsonl"
            let daemon = try DaemonUnderTest(
                configuration: try ShippedConfiguration.text(daemonSection: daemonSection), configPath: configPath,
                arguments: ["--log", logPath] + (dryRun ? ["--dry-run"] : []))
            #expect(try daemon.next(timeoutMs: 10_000)?.kind == .started)
            let hog = try group.spawn(MemoryHog(megabytes: 1024, stepMegabytes: 8, stepIntervalMs: 100))
            let awaited: Event.Kind = dryRun ? .wouldKill : .kill
            while let event = try daemon.next(timeoutMs: 30_000), event.kind != awaited {}
            // The hog ends either way: killed by fastoomd, or by the kernel at the limit in a dry run.
            let hogExit = hog.reap(timeoutMs: 30_000)
            usleep(300_000)
            try send(signal: .terminate, to: daemon.process.pid)
            while let event = try daemon.next(timeoutMs: 5000), event.kind != .stopped {}
            #expect(daemon.process.reap(timeoutMs: 5000) == .exited(code: 0))
            let logged = String(decoding: try DirectorySource().contents(of: logPath), as: UTF8.self)
            outcome = Outcome(
                events: daemon.events, hogExit: hogExit, isServiceAlive: service.reap(timeoutMs: 0) == nil,
                oomKillCount: try group.oomKillCount(), loggedLines: logged.split(separator: "\n").map(String.init))
        }
        return try #require(outcome)
    }

    @Test func killsTheHogBeforeTheKernelAndTheServiceSurvives() throws {
        let outcome = try run(dryRun: false)
        let kill = try #require(outcome.events.first { $0.kind == .kill })
        #expect(kill.victim?.comm.hasPrefix("python") == true)
        #expect((kill.victim?.rssBytes ?? 0) > 64 << 20)
        #expect(kill.signal == "SIGKILL")
        #expect(kill.dryRun == false)
        #expect(kill.trigger?.reasons.isEmpty == false)
        #expect(outcome.hogExit == .killed(.kill))
        #expect(outcome.oomKillCount == 0)
        #expect(outcome.isServiceAlive)
        #expect(outcome.loggedLines.contains { $0.contains(#""event":"kill""#) && $0.contains(#""reasons":["#) })
    }

    @Test func dryRunLogsTheWouldBeKillAndTheKernelKillsInstead() throws {
        let outcome = try run(dryRun: true)
        let wouldKill = try #require(outcome.events.first { $0.kind == .wouldKill })
        #expect(wouldKill.dryRun == true)
        #expect(wouldKill.trigger?.reasons.isEmpty == false)
        #expect((wouldKill.freedBytes ?? 0) > 64 << 20)
        #expect(!outcome.events.contains { $0.kind == .kill })
        #expect(outcome.hogExit == .killed(.kill))
        #expect(outcome.oomKillCount >= 1)
        #expect(outcome.loggedLines.contains { $0.contains(#""event":"would_kill""#) })
    }
}
