import KillPolicy
import LinuxSys
import MemSense

/// Memory recycling: applies the `recycling` rules on the daemon's ticks and acts through
/// signals or hooks, recording a `recycled` event each time. A supervisor restarts the worker.
///
/// When it notices:
/// - RSS caps: on a process-table scan every `scan_interval_ms`, made on the first tick at or
///   after it is due; a process is signalled within `over_for_ms` plus one scan interval (plus
///   one tick) of crossing its cap.
/// - cgroup v2 `use_memory_high`: every tick reads the group's memory.events; the group is over
///   while its `high` counter rose since the tick before (the kernel counts each time usage is
///   over memory.high and reclaim is forced), so a group that sits just over without allocating
///   is not "over" — usage alone is never compared.
/// - cgroup v1 `usage_cap_bytes`: a threshold on memory.usage_in_bytes registered through
///   cgroup.event_control (`usageThresholds`, polled by `Wakeups`) wakes the loop at the
///   crossing; each tick reads memory.usage_in_bytes to tell over from under.
///
/// A dry run records the events with `dry_run` true and sends no signal and runs no hook.
final class Recycler {
    /// Sends `signal` to exactly `identity` (false: it is gone).
    typealias Send = (Signal, ProcessIdentity) throws(KillPolicyError) -> Bool

    private(set) var rules: [RecyclingRule]
    private(set) var scanIntervalMs: Int64
    /// The indices of the process rules and of the cgroup rules, each a pass of the tracker.
    private var processRules: Set<Int> = []
    private var cgroupRules: Set<Int> = []
    private let source: any FileSource
    private let processes: ProcessTable
    private let isDryRun: Bool
    private let ownPID: Int32
    private let send: Send
    private let wallMs: () -> Int64
    private let record: (Event) -> Void
    private let hookRunner = HookRunner(hooks: HooksConfig())
    private var tracker = RecyclingTracker()
    private var buffer = ReadBuffer(capacity: 1024)
    private var nextScanMs: Int64?
    /// The last memory.events `high` count of each v2 rule, by rule index.
    private var highCounts: [Int: UInt64] = [:]
    private var locations: [Int: CgroupLocation] = [:]
    /// The last problem reported for each rule (by index) or the scan (-1), so it is said once.
    private var reportedProblems: [Int: String] = [:]
    private var reportedUntracked = 0

    init(
        rules: [RecyclingRule], scanIntervalMs: Int64, source: any FileSource, isDryRun: Bool, ownPID: Int32,
        wallMs: @escaping () -> Int64, record: @escaping (Event) -> Void, send: @escaping Send
    ) {
        self.rules = rules
        self.scanIntervalMs = scanIntervalMs
        self.source = source
        self.processes = ProcessTable(source: source)
        self.isDryRun = isDryRun
        self.ownPID = ownPID
        self.wallMs = wallMs
        self.record = record
        self.send = send
        sortRules()
    }

    /// Switches to new rules (a reload): every tracked state is forgotten.
    func configure(rules: [RecyclingRule], scanIntervalMs: Int64) {
        self.rules = rules
        self.scanIntervalMs = scanIntervalMs
        tracker.reset()
        highCounts.removeAll()
        reportedProblems.removeAll()
        nextScanMs = nil
        sortRules()
    }

    /// The v1 usage thresholds to register (source-relative directory, bytes).
    var usageThresholds: [(directory: String, capBytes: UInt64)] {
        rules.indices.compactMap { index in
            guard case .cgroupUsage(_, let capBytes) = rules[index].subject, let location = locations[index],
                location.version == .v1
            else { return nil }
            return (location.directory, capBytes)
        }
    }

    /// Looks at every rule due at `nowMs` and acts where one is due. Returns how long until the
    /// next look is due (the daemon's tick interval is at most that).
    func tick(at nowMs: Int64) -> Int64 {
        for problem in hookRunner.reap(nowMs: nowMs) { recordProblem(problem.description, nowMs: nowMs) }
        if !cgroupRules.isEmpty {
            for index in cgroupRules { checkCgroup(index, nowMs: nowMs) }
            tracker.finishPass(rules: cgroupRules)
        }
        guard !processRules.isEmpty else { return Int64.max }
        if let nextScanMs, nowMs < nextScanMs { return nextScanMs - nowMs }
        scanProcesses(nowMs: nowMs)
        return scanIntervalMs
    }

    // MARK: - Processes

    private func scanProcesses(nowMs: Int64) {
        nextScanMs = nowMs + scanIntervalMs
        let scan: ProcessTable.Scan
        do {
            scan = try processes.scan()
        } catch {
            report("cannot read the process table: \(error)", slot: -1, nowMs: nowMs)
            return
        }
        for process in scan.processes where !process.isKernelThread && !process.isZombie && process.pid != ownPID {
            for index in processRules {
                guard case .processes(let match, let capBytes, let anonShmemOnly) = rules[index].subject,
                    match.matches(process)
                else { continue }
                let valueBytes =
                    anonShmemOnly ? process.residentAnonBytes &+ process.residentShmemBytes : process.residentBytes
                let rule = rules[index]
                guard
                    let overSinceMs = tracker.observe(
                        rule: index, subject: .process(process.identity), isOver: valueBytes > capBytes,
                        overForMs: rule.overForMs, cooldownMs: rule.cooldownMs, nowMs: nowMs)
                else { continue }
                var event = Event(.recycled, wallMs: wallMs(), tMs: nowMs)
                event.victim = Event.Victim(process)
                event.recycling = Event.Recycling(
                    rule: rule.name, capBytes: capBytes, valueBytes: valueBytes, overForMs: nowMs - overSinceMs)
                act(rule, on: [process.identity], event: &event, nowMs: nowMs)
            }
        }
        tracker.finishPass(rules: processRules)
        reportUntracked(nowMs: nowMs)
    }

    // MARK: - Cgroups

    /// Splits the rules into process and cgroup rules, and finds each cgroup rule's group now (one
    /// not found yet is looked for again each tick, and reported).
    private func sortRules() {
        processRules.removeAll()
        cgroupRules.removeAll()
        locations.removeAll()
        for index in rules.indices {
            switch rules[index].subject {
            case .processes:
                processRules.insert(index)
            case .cgroupUsage(let path, _), .cgroupHigh(let path):
                cgroupRules.insert(index)
                if let location = try? CgroupLocation.named(path, in: source) { locations[index] = location }
            }
        }
    }

    private func checkCgroup(_ index: Int, nowMs: Int64) {
        let rule = rules[index]
        guard let location = locations[index] ?? (try? CgroupLocation.named(cgroupPath(of: rule), in: source)) else {
            report("\(rule.name): cgroup \(cgroupPath(of: rule)) not found", slot: index, nowMs: nowMs)
            return
        }
        locations[index] = location
        let isOver: Bool
        var capBytes: UInt64?
        var valueBytes: UInt64?
        do throws(MemSenseError) {
            switch (rule.subject, location.version) {
            case (.cgroupUsage(_, let cap), .v1):
                let usage = try source.parse(
                    location.directory + "/memory.usage_in_bytes", into: &buffer, with: SingleValue.uint64(parsing:))
                (isOver, capBytes, valueBytes) = (usage > cap, cap, usage)
            case (.cgroupHigh, .v2):
                let high = try source.parse(
                    location.directory + "/memory.events", into: &buffer, with: CgroupV2Events.init(parsing:)
                ).high
                let previous = highCounts.updateValue(high, forKey: index)
                isOver = previous.map { high > $0 } ?? false
                if isOver {
                    capBytes = try source.parse(
                        location.directory + "/memory.high", into: &buffer, with: CgroupLimit.bytes(parsing:))
                    valueBytes = try source.parse(
                        location.directory + "/memory.current", into: &buffer, with: SingleValue.uint64(parsing:))
                }
            default:
                let wanted = location.version == .v1 ? "usage_cap_bytes" : "use_memory_high"
                report(
                    "\(rule.name): \(location.path) is a cgroup \(location.version) group; use \(wanted)",
                    slot: index, nowMs: nowMs)
                return
            }
        } catch {
            if error.isGone { locations[index] = nil }
            report("\(rule.name): \(error)", slot: index, nowMs: nowMs)
            return
        }
        if reportedProblems[index] != nil { reportedProblems[index] = nil }
        guard
            let overSinceMs = tracker.observe(
                rule: index, subject: .cgroup(location.path), isOver: isOver, overForMs: rule.overForMs,
                cooldownMs: rule.cooldownMs, nowMs: nowMs)
        else { return }
        var event = Event(.recycled, wallMs: wallMs(), tMs: nowMs, target: location.path)
        event.recycling = Event.Recycling(
            rule: rule.name, cgroup: location.path, capBytes: capBytes, valueBytes: valueBytes,
            overForMs: nowMs - overSinceMs)
        var members: [ProcessIdentity] = []
        if case .signal = rule.action, !isDryRun {
            do {
                for pid in try CgroupProcesses.pids(in: location.directory, source: source) {
                    if let identity = try? processes.identity(of: pid) { members.append(identity) }
                }
            } catch {
                event.errors = ["read \(location.directory)/cgroup.procs: \(error)"]
            }
        }
        act(rule, on: members, event: &event, nowMs: nowMs)
    }

    private func cgroupPath(of rule: RecyclingRule) -> String {
        switch rule.subject {
        case .processes: "/"
        case .cgroupUsage(let path, _), .cgroupHigh(let path): path
        }
    }

    // MARK: - Acting

    /// Signals `targets` or starts the hook, completes `event` and records it.
    private func act(_ rule: RecyclingRule, on targets: [ProcessIdentity], event: inout Event, nowMs: Int64) {
        event.dryRun = isDryRun
        var errors = event.errors ?? []
        switch rule.action {
        case .signal(let signal):
            event.signal = signal.description
            guard !isDryRun else { break }
            var signalled = 0
            for identity in targets {
                do {
                    if try send(signal, identity) { signalled += 1 }
                } catch {
                    errors.append("pid \(identity.pid): \(error)")
                }
            }
            if event.recycling?.cgroup != nil {
                event.recycling?.signalledCount = signalled
            } else if signalled == 0 && errors.isEmpty {
                event.message = "exited before the signal"
            }
        case .hook(let hook):
            event.recycling?.hook = hook.path
            guard !isDryRun else { break }
            if let problem = hookRunner.start(hook, as: .recycle, event: JSONLines.line(event), nowMs: nowMs) {
                errors.append(problem.description)
            }
        }
        event.errors = errors.isEmpty ? nil : errors
        record(event)
    }

    // MARK: - Problems

    private func report(_ problem: String, slot: Int, nowMs: Int64) {
        guard reportedProblems[slot] != problem else { return }
        reportedProblems[slot] = problem
        recordProblem(problem, nowMs: nowMs)
    }

    private func recordProblem(_ problem: String, nowMs: Int64) {
        record(Event(.error, wallMs: wallMs(), tMs: nowMs, target: "recycling", message: problem))
    }

    private func reportUntracked(nowMs: Int64) {
        guard tracker.untrackedCount > reportedUntracked else { return }
        reportedUntracked = tracker.untrackedCount
        recordProblem(
            "\(tracker.untrackedCount) over-cap subjects not tracked: the tracker holds at most "
                + "\(tracker.capacity)", nowMs: nowMs)
    }
}
