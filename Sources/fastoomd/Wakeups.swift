import LinuxSys
import MemSense

/// What wakes the loop before its next tick: SIGTERM, SIGINT and SIGHUP read from a signalfd,
/// PSI triggers on the node's and each v2 target's memory pressure, and each v1 target's
/// memory.pressure_level eventfd, and the recycling rules' v1 usage thresholds. Kept between
/// waits, so that a wait is one poll(2).
final class Wakeups {
    /// What one wait brought.
    struct Woken {
        /// SIGTERM or SIGINT: the loop ends.
        var stopSignal: Signal?
        /// SIGHUP: the configuration is read again.
        var wantsReload = false
        /// A pressure or usage-threshold wake-up fired: tick now rather than at the end of the interval.
        var byPressure = false
        /// Pressure wake-ups that broke (their cgroup was removed) and were dropped.
        var lost: [String] = []
    }

    /// A PSI trigger with its place in the poll set.
    private final class Trigger {
        let trigger: PSITrigger
        var token: PollSet.Token?

        init(_ trigger: consuming PSITrigger) { self.trigger = trigger }
    }

    /// A cgroup v1 pressure-level listener with its place in the poll set.
    private final class Listener {
        let listener: MemoryPressureListener
        let directory: String
        var token: PollSet.Token?

        init(_ listener: consuming MemoryPressureListener, directory: String) {
            self.listener = listener
            self.directory = directory
        }
    }

    /// A cgroup v1 usage threshold of a recycling rule with its place in the poll set.
    private final class Threshold {
        let listener: MemoryThresholdListener
        let directory: String
        var token: PollSet.Token?

        init(_ listener: consuming MemoryThresholdListener, directory: String) {
            self.listener = listener
            self.directory = directory
        }
    }

    private let signals: SignalFD
    private var pollSet = PollSet()
    private var signalToken: PollSet.Token?
    private var triggers: [Trigger] = []
    private var listeners: [Listener] = []
    private var thresholds: [Threshold] = []

    /// Blocks SIGTERM, SIGINT and SIGHUP and reads them from a signalfd from now on. Call it before
    /// any other thread starts.
    init() throws(LinuxSysError) {
        signals = try SignalFD([.terminate, .interrupt, .hangUp])
        try rebuild()
    }

    /// Sets up the pressure wake-ups of `targets` (nil location: the node), replacing those of
    /// before. Returns what was set up, and the problems of those the kernel refused: the loop
    /// then relies on its interval for that target. Without CAP_SYS_RESOURCE the kernel takes PSI
    /// windows of whole multiples of 2 s only.
    func watch(
        _ targets: [CgroupLocation?], source: DirectorySource, stallMs: Int64, windowMs: Int64
    ) -> (notes: [String], problems: [String]) {
        triggers.removeAll()
        listeners.removeAll()
        var notes: [String] = []
        var problems: [String] = []
        for location in targets {
            do throws(LinuxSysError) {
                guard let location else {
                    let path = source.absolutePath("proc/pressure/memory")
                    triggers.append(Trigger(try trigger(path, stallMs: stallMs, windowMs: windowMs)))
                    notes.append("PSI trigger on \(path)")
                    continue
                }
                let directory = source.absolutePath(location.directory)
                switch location.version {
                case .v2:
                    let path = directory + "/memory.pressure"
                    triggers.append(Trigger(try trigger(path, stallMs: stallMs, windowMs: windowMs)))
                    notes.append("PSI trigger on \(path)")
                case .v1:
                    // `medium`: reclaim is swapping or evicting working set, not merely trimming cache.
                    let listener = try MemoryPressureListener(cgroupDirectory: directory, level: .medium)
                    listeners.append(Listener(listener, directory: directory))
                    notes.append("memory.pressure_level medium on \(directory)")
                }
            } catch {
                problems.append("no pressure wake-up, polling only: \(error)")
            }
        }
        do throws(LinuxSysError) {
            try rebuild()
        } catch {
            problems.append("poll set: \(error)")
        }
        return (notes, problems)
    }

    /// Registers the recycling rules' v1 usage thresholds (absolute directory, bytes), replacing
    /// those of before. Returns the problems of those the kernel refused: that rule then relies on
    /// the tick interval.
    func watchThresholds(_ wanted: [(directory: String, capBytes: UInt64)]) -> [String] {
        thresholds.removeAll()
        var problems: [String] = []
        for (directory, capBytes) in wanted {
            do throws(LinuxSysError) {
                let listener = try MemoryThresholdListener(cgroupDirectory: directory, thresholdBytes: capBytes)
                thresholds.append(Threshold(listener, directory: directory))
            } catch {
                problems.append("no usage threshold wake-up on \(directory), polling only: \(error)")
            }
        }
        do throws(LinuxSysError) {
            try rebuild()
        } catch {
            problems.append("poll set: \(error)")
        }
        return problems
    }

    private func trigger(_ path: String, stallMs: Int64, windowMs: Int64) throws(LinuxSysError) -> PSITrigger {
        try PSITrigger(path: path, kind: .some, stallUs: Int(stallMs) * 1000, windowUs: Int(windowMs) * 1000)
    }

    /// The poll set of the signalfd and every wake-up, built again when they change.
    private func rebuild() throws(LinuxSysError) {
        var set = PollSet()
        signalToken = try set.add(signals.fileDescriptor, events: .readable)
        for trigger in triggers { trigger.token = try set.add(trigger.trigger.fileDescriptor, events: .priority) }
        for listener in listeners {
            listener.token = try set.add(listener.listener.fileDescriptor, events: .readable)
        }
        for threshold in thresholds {
            threshold.token = try set.add(threshold.listener.fileDescriptor, events: .readable)
        }
        pollSet = set
    }

    /// Waits up to `timeoutMs` for a signal or a pressure wake-up.
    func wait(timeoutMs: Int32) throws(LinuxSysError) -> Woken {
        var woken = Woken()
        let ready = try pollSet.wait(timeoutMs: timeoutMs)
        guard !ready.isEmpty else { return woken }
        if let signalToken, ready.contains(signalToken) {
            while let received = try signals.next() {
                if received.signal == .hangUp {
                    woken.wantsReload = true
                } else {
                    woken.stopSignal = received.signal
                }
            }
        }
        var broken: [ObjectIdentifier] = []
        for trigger in triggers {
            guard let token = trigger.token, ready.contains(token) else { continue }
            let events = pollSet.returnedEvents(token)
            if events.contains(.error) || events.contains(.invalid) {
                broken.append(ObjectIdentifier(trigger))
                woken.lost.append("PSI trigger on \(trigger.trigger.path) broke (its cgroup was removed?); dropped")
            } else {
                woken.byPressure = true
            }
        }
        for listener in listeners {
            guard let token = listener.token, ready.contains(token) else { continue }
            woken.byPressure = true
            do throws(LinuxSysError) {
                _ = try listener.listener.consume()
            } catch {
                broken.append(ObjectIdentifier(listener))
                woken.lost.append("memory.pressure_level on \(listener.directory): \(error); dropped")
            }
        }
        for threshold in thresholds {
            guard let token = threshold.token, ready.contains(token) else { continue }
            woken.byPressure = true
            do throws(LinuxSysError) {
                _ = try threshold.listener.consume()
            } catch {
                broken.append(ObjectIdentifier(threshold))
                woken.lost.append("usage threshold on \(threshold.directory): \(error); dropped")
            }
        }
        if !broken.isEmpty {
            thresholds.removeAll { broken.contains(ObjectIdentifier($0)) }
            triggers.removeAll { broken.contains(ObjectIdentifier($0)) }
            listeners.removeAll { broken.contains(ObjectIdentifier($0)) }
            try rebuild()
        }
        return woken
    }
}
