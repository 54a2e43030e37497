import LinuxSys
import MemSense
import TestSupport

@testable import fastoomd

/// A `fastoomd run` that a test started, its events decoded from its standard output as they
/// come. When the test is done with it, it gets SIGTERM and is reaped — unless the test reaped
/// it already, so that a pid the kernel may have handed on is never signalled.
final class DaemonUnderTest {
    let process: ChildProcess
    /// Every event read so far, in order.
    private(set) var events: [Event] = []

    /// Writes `configuration` to `configPath` and starts `fastoomd run --config configPath`
    /// with `arguments` after it.
    init(configuration: String, configPath: String, arguments: [String]) throws {
        let file = try PlainFile(creating: configPath)
        try Array(configuration.utf8).withUnsafeBufferPointer { try file.write($0) }
        try file.close()
        process = try ChildProcess.spawn([BuiltProducts.fastoomd, "run", "--config", configPath] + arguments)
    }

    deinit {
        if process.exit == nil {
            try? send(signal: .terminate, to: process.pid)
            process.reap(timeoutMs: 5000)
        }
    }

    /// The next event, or nil when none came within `timeoutMs`.
    func next(timeoutMs: Int64) throws -> Event? {
        guard let line = try process.readLine(timeoutMs: timeoutMs) else { return nil }
        let event = try JSON.decode(Event.self, from: line.utf8)
        events.append(event)
        return event
    }

    /// SIGTERM, then the exit it led to.
    func stop() throws -> ChildProcess.Exit? {
        try send(signal: .terminate, to: process.pid)
        return process.reap(timeoutMs: 5000)
    }
}
