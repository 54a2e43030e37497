import Glibc
import LinuxSys
import TestSupport
import Testing

@Suite(.tags(.kernel), .enabled(if: KernelGate.shouldRun))
struct SystemdNotifierTests {
    @Test func notifierSendsStatesToAnAbstractSocket() throws {
        let path = "@fastoomd-test-notify-\(getpid())-abstract"
        let listener = try NotifySocketListener(path: path)
        let notifier = try SystemdNotifier(socketPath: path)
        try notifier.notify("READY=1")
        try notifier.notify("WATCHDOG=1")
        #expect(try listener.receive(timeoutMs: 5000) == "READY=1")
        #expect(try listener.receive(timeoutMs: 5000) == "WATCHDOG=1")
    }

    @Test func notifierSendsToAFileSocketNamedInTheEnvironment() throws {
        let directory = getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp"
        let path = "\(directory)/fastoomd-test-notify-\(getpid()).sock"
        let listener = try NotifySocketListener(path: path)
        setenv("NOTIFY_SOCKET", path, 1)
        defer { unsetenv("NOTIFY_SOCKET") }
        guard let notifier = try SystemdNotifier.fromEnvironment() else {
            Issue.record("NOTIFY_SOCKET was set but no notifier was made")
            return
        }
        let notifierPath = notifier.address.path
        #expect(notifierPath == path)
        try notifier.notify("STOPPING=1")
        #expect(try listener.receive(timeoutMs: 5000) == "STOPPING=1")
    }

    @Test func notifyWithoutAListenerFails() throws {
        let notifier = try SystemdNotifier(socketPath: "@fastoomd-test-notify-\(getpid())-nobody")
        #expect(
            throws: LinuxSysError.failed(
                operation: "sd_notify READY=1 to @fastoomd-test-notify-\(getpid())-nobody",
                errno: Errno(rawValue: ECONNREFUSED))
        ) {
            try notifier.notify("READY=1")
        }
    }
}
