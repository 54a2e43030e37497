import LinuxSys

#if canImport(Glibc)
    import Glibc
#endif

/// The daemon's side of a systemd `Type=notify` service: READY=1 once it watches, WATCHDOG=1
/// at half the watchdog interval systemd asked for (`WATCHDOG_USEC`), STOPPING=1 on the way out.
final class SystemdService {
    private let notifier: SystemdNotifier
    /// Half of `WATCHDOG_USEC`, in milliseconds; nil without a watchdog.
    let pingIntervalMs: Int64?
    private var lastPingMs: Int64 = 0

    private init(notifier: consuming SystemdNotifier, pingIntervalMs: Int64?) {
        self.notifier = notifier
        self.pingIntervalMs = pingIntervalMs
    }

    /// The service, or nil when `NOTIFY_SOCKET` is not set (not run by systemd as a notify service).
    static func fromEnvironment() throws(LinuxSysError) -> SystemdService? {
        guard let notifier = try SystemdNotifier.fromEnvironment() else { return nil }
        let watchdogUs = getenv("WATCHDOG_USEC").flatMap { Int64(String(cString: $0)) }
        return SystemdService(notifier: notifier, pingIntervalMs: watchdogUs.map { max(1, $0 / 2000) })
    }

    func notify(_ state: String) throws(LinuxSysError) {
        try notifier.notify(state)
    }

    /// When the next WATCHDOG=1 is due; nil without a watchdog.
    var nextPingMs: Int64? { pingIntervalMs.map { lastPingMs + $0 } }

    /// Sends WATCHDOG=1 if it is due at `nowMs`. One sendto(2); the loop calls it after each tick,
    /// so a loop that hangs stops the pings and systemd restarts the daemon.
    func pingIfDue(atMs nowMs: Int64) throws(LinuxSysError) {
        guard let nextPingMs, nowMs >= nextPingMs else { return }
        lastPingMs = nowMs
        try notifier.notify("WATCHDOG=1")
    }
}
