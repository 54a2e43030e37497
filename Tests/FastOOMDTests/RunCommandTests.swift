import Glibc
import LinuxSys
import MemSense
import TestSupport
import Testing

@testable import fastoomd

/// `fastoomd run` as a process: the built binary on a fixture tree (no process is killed there:
/// the node is healthy, and it runs with --dry-run), driven by real signals through its signalfd.
@Suite struct RunCommandTests {
    private static let fixture = FixturePaths.kernelVariant("local-6.18", "idle-shell")

    private func start(configPath: String, logPath: String) throws -> ChildProcess {
        try ChildProcess.spawn([
            BuiltProducts.fastoomd, "run", "--dry-run", "--config", configPath, "--log", logPath,
            "--proc-root", Self.fixture + "/proc", "--sys-root", Self.fixture + "/sys",
        ])
    }

    /// The next event the daemon prints, skipping none.
    private func nextEvent(_ child: ChildProcess, timeoutMs: Int64 = 10_000) throws -> Event? {
        guard let line = try child.readLine(timeoutMs: timeoutMs) else { return nil }
        return try JSON.decode(Event.self, from: line.utf8)
    }

    private func write(_ text: String, to path: String) throws {
        let file = try PlainFile(creating: path)
        try Array(text.utf8).withUnsafeBufferPointer { try file.write($0) }
        try file.close()
    }

    @Test func sigtermEndsTheLoopWithAStoppedEventAndStatusZero() throws {
        try withTemporaryDirectory { directory in
            let configPath = directory + "/policy.json"
            try write(try ShippedConfiguration.text(), to: configPath)
            let child = try start(configPath: configPath, logPath: directory + "/events.jsonl")
            let started = try #require(try nextEvent(child))
            #expect(started.kind == .started)
            #expect(started.dryRun == true)
            #expect(started.message?.hasPrefix("watching node") == true)
            try send(signal: .terminate, to: child.pid)
            let stopped = try #require(try nextEvent(child, timeoutMs: 1000))
            #expect(stopped.kind == .stopped)
            #expect(stopped.message == "SIGTERM")
            #expect(child.reap(timeoutMs: 1000) == .exited(code: 0))
            // The log file holds the same events as standard output.
            let logged = String(
                decoding: try DirectorySource().contents(of: directory + "/events.jsonl"), as: UTF8.self)
            #expect(logged.split(separator: "\n").count == 2)
        }
    }

    @Test func sighupWithABrokenConfigurationLogsEveryErrorAndKeepsRunning() throws {
        try withTemporaryDirectory { directory in
            let configPath = directory + "/policy.json"
            try write(try ShippedConfiguration.text(), to: configPath)
            let child = try start(configPath: configPath, logPath: directory + "/events.jsonl")
            #expect(try nextEvent(child)?.kind == .started)
            try write(#"{"kill_policy": {"avoid": []}, "daemon": {"max_interval_ms": 5}}"#, to: configPath)
            try send(signal: .hangUp, to: child.pid)
            let rejected = try #require(try nextEvent(child))
            #expect(rejected.kind == .error)
            #expect(rejected.message == "configuration \(configPath) rejected; the previous one stays")
            #expect(
                rejected.errors == [
                    "\(configPath): kill_policy.protect: required: a list of rules; [] protects nothing",
                    "\(configPath): daemon.max_interval_ms: 5 must be in min_interval_ms...60000",
                ])
            try write(try ShippedConfiguration.text(daemonSection: "{}"), to: configPath)
            try send(signal: .hangUp, to: child.pid)
            #expect(try nextEvent(child)?.kind == .configReloaded)
            try send(signal: .interrupt, to: child.pid)
            #expect(try nextEvent(child)?.kind == .stopped)
            #expect(child.reap(timeoutMs: 1000) == .exited(code: 0))
        }
    }

    @Test func missingConfigurationIsAStartupFailure() throws {
        let child = try ChildProcess.spawn([
            "/bin/sh", "-c", "exec '\(BuiltProducts.fastoomd)' run --dry-run --config /nonexistent/policy.json 2>&1",
        ])
        let line = try #require(try child.readLine(timeoutMs: 10_000))
        #expect(line.hasPrefix("fastoomd run: configuration /nonexistent/policy.json:"))
        #expect(child.reap(timeoutMs: 10_000) == .exited(code: 3))
    }
}
