import KillPolicy
import MemSense
import Predictor

/// What `fastoomd run` does on each tick, apart from waiting: sample the node and each cgroup
/// target within it, assess each target with its own predictor, and for a target that must act,
/// rank its processes and run one kill sequence; record every change as an event. Besides, it
/// applies the `oom_score_adj` rules when their period is due and runs the `hooks`.
///
/// Everything with a side effect comes in from outside, the file source, the clocks, the process
/// control and the event sink, so a test runs ticks over a recorded trace with a recording
/// control and sees exactly the events the live daemon would write. `RunCommand` wires the live
/// pieces and the wait between ticks.
///
/// A tick where every target is healthy builds no event and allocates nothing beyond what the
/// samplers reuse.
final class Daemon<Control: ProcessControl> {
    /// How many candidates of the ranking a kill event lists.
    static var candidatesLogged: Int { 5 }
    /// How often pods are looked for again (besides start and SIGHUP): a new pod is watched
    /// within this, a removed one dropped.
    static var discoveryIntervalMs: Int64 { 10_000 }

    private(set) var configuration: Configuration
    private(set) var targets: [DaemonTarget]
    /// Counts the changes of the list of targets (a reload, a pod come or gone), so that the
    /// loop knows when to set up their pressure wake-ups again.
    private(set) var targetsGeneration = 0
    /// Cgroups named on the command line (`--cgroup`), watched under every configuration.
    let extraCgroups: [String]
    var control: Control
    let isDryRun: Bool
    private let source: any FileSource
    private let nodeSampler: NodeSampler
    private let processes: ProcessTable
    private let runtime: RuntimeMetadata
    /// The pods and containers of the last discovery, to place victims.
    private var podIndex = PodIndex()
    private var lastDiscoveryMs: Int64 = 0
    private var reportedDiscoveryProblem: String?
    private let ownPID: Int32
    private let nowMs: () -> Int64
    private let wallMs: () -> Int64
    private let record: (Event) -> Void
    private var governor: KillGovernor
    private var reportedNodeProblem: String?
    private var calmGate = CalmGate()
    /// The metrics of every target seen so far, by name (a target dropped by a reload keeps its
    /// last values), and the file they are written to, if any.
    private var metrics = Metrics()
    private var metricsIndex: [String: Int] = [:]
    private var metricsFile: MetricsFile?
    private var reportedMetricsProblem: String?
    /// The `recycling` rules' engine, set by `RunCommand`; each tick runs it first.
    var recycler: Recycler?
    /// Runs the `hooks`; a reload gives it the new ones and the running ones run on.
    let hooks: HookRunner
    /// Where the `oom_score_adj` rules are written; nil: they are not applied at all.
    private let oomScoreAdjProcRoot: String?
    private var oomScoreAdj: OOMScoreAdjApplier?
    private var reportedAdjProblem: String?

    /// - Parameters:
    ///   - nowMs: the monotonic clock, read during a kill (its waits take time).
    ///   - wallMs: the wall clock of events.
    ///   - record: where events go (the event log).
    ///   - configurationPath: where the configuration came from, to name it in errors.
    ///   - metricsPath: the Prometheus textfile written after each tick whose text changed.
    ///   - runtime: the container runtimes' files, to name discovered pods (default: under /).
    ///   - oomScoreAdjProcRoot: where the `oom_score_adj` rules write `<pid>/oom_score_adj`;
    ///     nil leaves every process alone (a test over made-up pids must never write /proc).
    ///   - freeMemory: how a calm tick reads the free memory when `source` is this machine's
    ///     /proc (see `NodeSampler`).
    init(
        configuration: Configuration, configurationPath: String, extraCgroups: [String] = [],
        source: any FileSource, freeMemory: NodeSampler.FreeMemoryReader? = nil, runtime: RuntimeMetadata? = nil,
        control: Control,
        isDryRun: Bool, ownPID: Int32, nowMs: @escaping () -> Int64, wallMs: @escaping () -> Int64,
        metricsPath: String? = nil, oomScoreAdjProcRoot: String? = nil, record: @escaping (Event) -> Void
    ) throws(DaemonError) {
        metricsFile = metricsPath.map { MetricsFile(path: $0) }
        self.configuration = configuration
        self.extraCgroups = extraCgroups
        self.source = source
        self.runtime = runtime ?? RuntimeMetadata(source: source)
        self.control = control
        self.isDryRun = isDryRun
        self.ownPID = ownPID
        self.nowMs = nowMs
        self.wallMs = wallMs
        self.record = record
        self.oomScoreAdjProcRoot = oomScoreAdjProcRoot
        hooks = HookRunner(hooks: configuration.hooks)
        oomScoreAdj = Self.applier(configuration.oomScoreAdjRules, procRoot: oomScoreAdjProcRoot, isDryRun: isDryRun)
        do {
            nodeSampler = try NodeSampler(
                source: source, pageSizeBytes: configuration.predictor.pageSizeBytes, freeMemory: freeMemory)
        } catch {
            throw .unreadable(error)
        }
        processes = ProcessTable(source: source)
        governor = KillGovernor(settings: configuration.policy.governor)
        do throws(ConfigurationError) {
            targets = try Self.targets(
                for: configuration, extraCgroups: extraCgroups, source: source, keeping: [], previous: nil,
                path: configurationPath)
        } catch {
            throw .configuration(error)
        }
        discoverPods(at: nowMs(), keeping: [])
    }

    // MARK: - Tick

    /// Looks at every target once, at monotonic time `tMs`, and acts where one must. Returns how
    /// long to wait before the next tick: `max_interval_ms` while every target is healthy,
    /// shrinking towards `min_interval_ms` as the most endangered target's probability rises,
    /// and at most a quarter of the time a falling target has left at its current rate. Then
    /// applies the `oom_score_adj` rules if due (the wait ends no later than the next time they
    /// are), and collects the hooks that ended, killing those past their timeout.
    @discardableResult
    func tick(at tMs: Int64) -> Int64 {
        let recyclingMs = recycler?.tick(at: tMs) ?? Int64.max
        // A calm tick is decided here, before the full tick's large stack frame is entered: once
        // a second, each stack page a tick touches is one more cold page.
        let watchedMs = calmIntervalMs(at: tMs) ?? watchTargets(at: tMs)
        let intervalMs = min(watchedMs, max(configuration.daemon.minIntervalMs, recyclingMs))
        applyOOMScoreAdjRules(at: tMs)
        recordHookProblems(hooks.reap(nowMs: nowMs()))
        guard let dueMs = oomScoreAdj?.nextDueMs else { return intervalMs }
        return min(intervalMs, max(configuration.daemon.minIntervalMs, dueMs - tMs))
    }

    /// A full tick: samples the node and every target, assesses each and acts where one must.
    private func watchTargets(at tMs: Int64) -> Int64 {
        let node: Sample
        do {
            node = try nodeSampler.sample(at: tMs)
            if reportedNodeProblem != nil { reportedNodeProblem = nil }
        } catch {
            report(problem: "cannot sample the node: \(error)", target: "node", slot: &reportedNodeProblem, tMs: tMs)
            calmGate.recordFullTick(at: tMs, node: nil, intervalMs: 0)
            return configuration.daemon.maxIntervalMs
        }
        if configuration.podRules != nil, tMs - lastDiscoveryMs >= Self.discoveryIntervalMs {
            discoverPods(at: tMs, keeping: targets)
        }
        var highestProbability = 0.0
        var soonestExhaustionMs = Int64.max
        var vanished: [String] = []
        var isCalm = true
        for index in targets.indices {
            guard let sample = sample(of: index, within: node, tMs: tMs, vanished: &vanished) else {
                isCalm = false
                targets[index].calmBaseline = nil
                continue
            }
            targets[index].calmBaseline = sample.cgroupMemory.map {
                CalmGate.GroupBaseline(usageBytes: $0.usageBytes, totalBytes: sample.totalBytes)
            }
            let assessment = targets[index].predictor.assess(sample)
            updateMetrics(of: index, sample: sample, assessment: assessment)
            highestProbability = max(highestProbability, assessment.probability)
            if let quarterMs = targets[index].quarterTimeToExhaustionMs(sample) {
                soonestExhaustionMs = min(soonestExhaustionMs, quarterMs)
            }
            if assessment.state != targets[index].state { changeState(of: index, to: assessment, sample: sample) }
            targets[index].noteCritical(assessment.state, atMs: sample.tMs)
            if targets[index].mustAct(assessment) {
                act(on: index, sample: sample, node: node, assessment: assessment)
            }
            if targets[index].state != .ok { isCalm = false }
        }
        writeMetrics(tMs: tMs)
        if !vanished.isEmpty {
            targets.removeAll { vanished.contains($0.name) }
            targetsGeneration += 1
        }
        let daemon = configuration.daemon
        let byProbabilityMs = Self.intervalMs(
            probability: highestProbability, minMs: daemon.minIntervalMs, maxMs: daemon.maxIntervalMs)
        let intervalMs = max(daemon.minIntervalMs, min(byProbabilityMs, soonestExhaustionMs))
        calmGate.recordFullTick(at: tMs, node: isCalm ? nodeSampler.lastGlance : nil, intervalMs: intervalMs)
        return intervalMs
    }

    /// The wait after a calm tick (see `CalmGate`), which reads the node's glance and each
    /// group's usage and nothing more; nil: this tick samples and assesses every target.
    private func calmIntervalMs(at tMs: Int64) -> Int64? {
        guard calmGate.mayBeCalm(at: tMs) else { return nil }
        if configuration.podRules != nil, tMs - lastDiscoveryMs >= Self.discoveryIntervalMs { return nil }
        do {
            guard let node = try nodeSampler.glance(), let intervalMs = calmGate.calmIntervalMs(at: tMs, node: node)
            else { return nil }
            for index in targets.indices {
                guard let sampler = targets[index].sampler else { continue }
                guard let baseline = targets[index].calmBaseline,
                    !baseline.isExceeded(byUsage: try sampler.usageBytes())
                else { return nil }
            }
            return intervalMs
        } catch {
            // The full tick reads the same files and reports what fails.
            return nil
        }
    }

    /// The wait after a tick: `max - (max - min) × (1 - (1 - p)^4)`, so a healthy target
    /// (p ≈ 0.01) is looked at about every `max`, p = 0.5 about every 6 % of it, and an acting
    /// one every `min`.
    static func intervalMs(probability: Double, minMs: Int64, maxMs: Int64) -> Int64 {
        let calm = 1 - min(1, max(0, probability.isNaN ? 1 : probability))
        let squared = calm * calm
        return minMs + Int64(Double(maxMs - minMs) * squared * squared)
    }

    /// The sample of one target; nil when it cannot be read. A pod whose cgroup is gone is put
    /// in `vanished`, to be dropped without an error: pods end.
    private func sample(of index: Int, within node: Sample, tMs: Int64, vanished: inout [String]) -> Sample? {
        guard let sampler = targets[index].sampler else { return node }
        do {
            let sample = try sampler.sample(within: node)
            if targets[index].reportedProblem != nil { targets[index].reportedProblem = nil }
            return sample
        } catch {
            if targets[index].rule != nil, error.isGone {
                vanished.append(targets[index].name)
                return nil
            }
            report(
                problem: "cannot sample the cgroup: \(error)", target: targets[index].name,
                slot: &targets[index].reportedProblem, tMs: tMs)
            return nil
        }
    }

    private func changeState(of index: Int, to assessment: Assessment, sample: Sample) {
        let previous = targets[index].state
        targets[index].state = assessment.state
        var event = targets[index].event(.stateChanged, wallMs: wallMs(), tMs: sample.tMs)
        event.trigger = Event.Trigger(assessment, sample: sample, previousState: previous)
        record(event)
        // Once per episode: moving on from near_oom to critical is the same alert.
        if !previous.isActing, assessment.state.isActing { startHooks(.nearOOM, event: event) }
        guard previous.isActing, !assessment.state.isActing else { return }
        if targets[index].hasActed {
            var recovered = targets[index].event(.recovered, wallMs: wallMs(), tMs: sample.tMs)
            recovered.trigger = event.trigger
            recovered.message = "out of \(previous.rawValue)"
            recovered.dryRun = isDryRun ? true : nil
            record(recovered)
        }
        targets[index].endEpisode()
    }

    // MARK: - Acting

    private func act(on index: Int, sample: Sample, node: Sample, assessment: Assessment) {
        let target = targets[index]
        let scan: ProcessTable.Scan
        do {
            scan = try processes.scan(within: target.location?.path)
        } catch {
            report(
                problem: "cannot read the process table: \(error)", target: target.name,
                slot: &targets[index].reportedFailure, tMs: sample.tMs)
            return
        }
        let policy = target.rule?.policy ?? configuration.policy
        let ranking = Ranking(
            of: scan.processes, policy: policy, ownPID: ownPID, memoryTotalBytes: sample.totalBytes,
            criticalForMs: target.criticalSinceMs.map { sample.tMs - $0 } ?? 0)
        // A dry run kills nothing, so the same victim heads the ranking tick after tick.
        if isDryRun, let head = ranking.candidates.first, head.process.identity == target.dryRunVictim { return }
        let plan = policy.plan(forTarget: target.location?.path, hasTimeForGrace: assessment.state == .nearOOM)
        let trigger = Event.Trigger(assessment, sample: sample)
        let sequence = KillSequence(
            plan: plan, nowMs: nowMs,
            readMemory: { [unowned self] in self.memoryCheck(of: index, node: node, fallback: sample) },
            beforeSignal: beforeKillHooks(target: target, trigger: trigger, ranking: ranking))
        let outcome = sequence.run(ranking, control: &control, governor: &governor)
        switch outcome {
        case .killed(let report):
            targets[index].hasActed = true
            targets[index].reportedFailure = nil
            if isDryRun {
                targets[index].dryRunVictim = report.victim.process.identity
            } else if let metricsTarget = metricsIndex[target.name] {
                metrics.countKill(metricsTarget, reason: assessment.state.rawValue, wallMs: wallMs())
            }
            let event = killEvent(report, ranking: ranking, trigger: trigger, target: target, tMs: sample.tMs)
            record(event)
            // A dry run kills nothing, so it runs no kill hooks.
            if !isDryRun { startHooks(.afterKill, event: event) }
        case .recovered(let availableBytes, let skipped):
            var event = target.event(.recovered, wallMs: wallMs(), tMs: nowMs())
            event.trigger = trigger
            event.message = "memory came back before a kill: \(Bytes.readable(availableBytes)) available"
            event.errors = skipped.isEmpty ? nil : skipped.map(\.eventText)
            event.dryRun = isDryRun ? true : nil
            record(event)
        case .coolingDown:
            break
        case .overBudget(let kills, let windowMs, let untilMs):
            let problem =
                "kill budget spent: \(kills) kills in \(windowMs) ms; no kill before t_ms \(untilMs), "
                + "the kernel's OOM killer is left to act"
            report(problem: problem, target: target.name, slot: &targets[index].reportedFailure, tMs: sample.tMs)
        case .noVictim(let skipped):
            let message =
                ranking.candidates.isEmpty
                ? "no candidate: \(ranking.excluded.count) processes, all excluded"
                : "no candidate could be killed"
            guard targets[index].reportedFailure != message else { return }
            targets[index].reportedFailure = message
            var event = target.event(.killFailed, wallMs: wallMs(), tMs: sample.tMs, message: message)
            event.trigger = trigger
            event.errors = skipped.map(\.eventText)
            event.dryRun = isDryRun ? true : nil
            record(event)
        }
    }

    /// "Has it recovered while we were selecting?": a fresh sample of the target, assessed by a
    /// copy of its predictor (the real one sees only tick samples). The kill is called off once
    /// the probability is below the level at which the acting state is left.
    private func memoryCheck(of index: Int, node: Sample, fallback: Sample) -> MemoryCheck {
        let tMs = nowMs()
        let fresh: Sample
        do {
            if let sampler = targets[index].sampler {
                var lent = node
                lent.tMs = tMs
                fresh = try sampler.sample(within: lent)
            } else {
                fresh = try nodeSampler.sample(at: tMs)
            }
        } catch {
            // Unreadable now: go on with the decision already taken.
            return MemoryCheck(availableBytes: fallback.availableBytes, hasRecovered: false)
        }
        var probe = targets[index].predictor
        let assessment = probe.assess(fresh)
        return MemoryCheck(
            availableBytes: fresh.availableBytes,
            hasRecovered: assessment.probability < probe.thresholds.nearOOMLeaveProbability)
    }

    private func killEvent(
        _ report: KillReport, ranking: Ranking, trigger: Event.Trigger, target: DaemonTarget, tMs: Int64
    ) -> Event {
        var event = target.event(isDryRun ? .wouldKill : .kill, wallMs: wallMs(), tMs: tMs)
        event.dryRun = isDryRun
        event.trigger = trigger
        event.candidates = ranking.candidates.prefix(Self.candidatesLogged).map(Event.Candidate.init)
        let victim = report.victim.process
        event.victim = Event.Victim(victim, placement: podIndex.placement(ofCgroup: victim.cgroupPath))
        event.signal = report.signals.last?.name
        if !isDryRun {
            event.exitMs = report.hasExited ? report.signalToExitMs : nil
            event.freedBytes = report.freedBytes
        } else {
            // What the kill would give back: the victim's anonymous, shmem and swapped memory.
            event.freedBytes = Int64(clamping: report.victim.process.freeableBytes)
        }
        var notes: [String] = []
        if let fallback = report.granularityFallback { notes.append(fallback) }
        if !isDryRun && !report.hasExited { notes.append("did not exit within the wait") }
        notes += Self.note(on: report.target)
        event.message = notes.isEmpty ? nil : notes.joined(separator: "; ")
        let errors = report.errors.map(\.description) + report.skipped.map(\.eventText)
        event.errors = errors.isEmpty ? nil : errors
        return event
    }

    /// What a kill event says of a signal that reaches more than the victim.
    private static func note(on target: KillTarget) -> [String] {
        switch target {
        case .process: []
        case .processGroup(let id): ["process group \(id)"]
        case .cgroup(let path): ["cgroup \(path)"]
        }
    }

    // MARK: - oom_score_adj rules and hooks

    /// The applier of `rules`, unless the daemon must not write oom_score_adj (`procRoot` nil).
    private static func applier(_ rules: OOMScoreAdjRules, procRoot: String?, isDryRun: Bool) -> OOMScoreAdjApplier? {
        procRoot.map { OOMScoreAdjApplier(rules: rules, procRoot: $0, isDryRun: isDryRun) }
    }

    /// When due, brings every process in line with the rules: one `oom_score_adj_set` event per
    /// value set (in a dry run: that would be set, once per process), one `error` event listing
    /// the writes that failed.
    private func applyOOMScoreAdjRules(at tMs: Int64) {
        guard let applier = oomScoreAdj, applier.isDue(atMs: tMs) else { return }
        let table: [ProcessSnapshot]
        do {
            table = try processes.scan().processes
            if reportedAdjProblem != nil { reportedAdjProblem = nil }
        } catch {
            applier.postpone(atMs: tMs)
            report(
                problem: "oom_score_adj rules: cannot read the process table: \(error)", target: nil,
                slot: &reportedAdjProblem, tMs: tMs)
            return
        }
        let pass = applier.apply(to: table, ownPID: ownPID, nowMs: tMs)
        for change in pass.applied {
            var event = Event(.oomScoreAdjSet, wallMs: wallMs(), tMs: tMs, message: "rule \(change.rule)")
            event.dryRun = isDryRun
            event.process = table.first { $0.identity == change.process }.map { Event.Victim($0) }
            event.oldOOMScoreAdj = change.currentAdj
            event.newOOMScoreAdj = change.wantedAdj
            record(event)
        }
        guard !pass.failures.isEmpty else { return }
        var event = Event(.error, wallMs: wallMs(), tMs: tMs, message: "oom_score_adj rules: cannot set")
        event.errors = pass.failures
        record(event)
    }

    /// What the kill sequence calls once it holds the victim: the `before_kill` hooks, with the
    /// kill event as far as it is known, and their bounded head start. None in a dry run.
    private func beforeKillHooks(
        target: DaemonTarget, trigger: Event.Trigger, ranking: Ranking
    ) -> ((KillPolicy.Candidate, KillTarget) -> Void)? {
        guard !isDryRun, !configuration.hooks.beforeKill.isEmpty else { return nil }
        return { [unowned self] victim, killTarget in
            var event = target.event(.kill, wallMs: self.wallMs(), tMs: self.nowMs())
            event.dryRun = false
            event.trigger = trigger
            event.candidates = ranking.candidates.prefix(Self.candidatesLogged).map(Event.Candidate.init)
            event.victim = Event.Victim(
                victim.process, placement: self.podIndex.placement(ofCgroup: victim.process.cgroupPath))
            event.message = (["about to signal"] + Self.note(on: killTarget)).joined(separator: "; ")
            self.recordHookProblems(self.hooks.startBeforeKill(event: JSONLines.line(event), clock: self.nowMs))
        }
    }

    /// Starts the hooks of `kind`, if any, with `event` as their input.
    private func startHooks(_ kind: HookKind, event: Event) {
        guard !configuration.hooks.hooks(kind).isEmpty else { return }
        recordHookProblems(hooks.start(kind, event: JSONLines.line(event), nowMs: nowMs()))
    }

    private func recordHookProblems(_ problems: [HookRunner.Problem]) {
        for problem in problems { record(Event(.error, wallMs: wallMs(), tMs: nowMs(), message: problem.description)) }
    }

    /// The target's metrics from this tick's sample and assessment.
    private func updateMetrics(of index: Int, sample: Sample, assessment: Assessment) {
        guard metricsFile != nil else { return }
        let name = targets[index].name
        let metricsTarget = metricsIndex[name] ?? metrics.addTarget(name)
        metricsIndex[name] = metricsTarget
        metrics.update(
            metricsTarget, availableBytes: sample.availableBytes, assessment: assessment,
            timeToExhaustionSeconds: targets[index].predictor.features.timeToExhaustionSeconds)
    }

    /// One render and, when the text changed, one atomic replacement of the metrics file.
    private func writeMetrics(tMs: Int64) {
        do {
            try metricsFile?.update(with: metrics)
            if reportedMetricsProblem != nil { reportedMetricsProblem = nil }
        } catch {
            report(
                problem: "cannot write the metrics: \(error)", target: "node", slot: &reportedMetricsProblem, tMs: tMs)
        }
    }

    /// An error event for `problem`, unless it is the one already in `slot`.
    private func report(problem: String, target: String?, slot: inout String?, tMs: Int64) {
        guard slot != problem else { return }
        slot = problem
        record(Event(.error, wallMs: wallMs(), tMs: tMs, target: target, message: problem))
    }

    // MARK: - Start, stop, reload

    /// Runs what choosing a victim runs, for every target, without acting or recording: the
    /// process table scan and the ranking. Part of the warm-up of `ImageTrimmer`, so that the
    /// code of a kill is locked in memory before it is needed.
    func rehearseSelection() {
        for target in targets {
            guard let scan = try? processes.scan(within: target.location?.path) else { continue }
            let ranking = Ranking(
                of: scan.processes, policy: target.rule?.policy ?? configuration.policy, ownPID: ownPID,
                memoryTotalBytes: 1, criticalForMs: 0)
            _ = ranking.candidates.first
        }
    }

    /// Makes the next tick sample and assess every target, however calm the last one was.
    func requireFullTick() {
        calmGate = CalmGate()
    }

    /// The `started` event: what is watched, how, and what self-protection could not be had.
    func recordStarted(notes: [String], problems: [String]) {
        var event = Event(.started, wallMs: wallMs(), tMs: nowMs())
        event.dryRun = isDryRun
        event.message = (["watching " + targets.map(\.name).joined(separator: ", ")] + notes).joined(separator: "; ")
        event.errors = problems.isEmpty ? nil : problems
        record(event)
    }

    func recordStopped(reason: String) {
        var event = Event(.stopped, wallMs: wallMs(), tMs: nowMs(), message: reason)
        event.dryRun = isDryRun
        record(event)
    }

    /// An error event that belongs to no target (a wake-up source lost, a poll failure).
    func recordError(_ message: String, errors: [String]? = nil) {
        var event = Event(.error, wallMs: wallMs(), tMs: nowMs(), message: message)
        event.errors = errors
        record(event)
    }

    /// SIGHUP: reads the configuration again (`configPath`, else the installed file, else the
    /// defaults) and switches to it. A file that cannot be read or has any problem (including a
    /// target that is not a memory cgroup) is rejected with every problem listed, and the running
    /// configuration stays. Targets whose cgroup, preset and predictor settings did not change
    /// keep their history. Returns whether it switched.
    @discardableResult
    func reload(configPath: String?) -> Bool {
        var origin = configPath ?? Configuration.installedPath
        do throws(ConfigurationError) {
            let (loaded, loadedFrom) = try Configuration.load(configPath: configPath)
            origin = loadedFrom ?? "the built-in defaults"
            let newTargets = try Self.targets(
                for: loaded, extraCgroups: extraCgroups, source: source, keeping: targets.filter { $0.rule == nil },
                previous: configuration,
                path: origin)
            // Pods keep their history under the same predictor settings, and stay if they cannot
            // be looked for now.
            let before = targets.map(\.name)
            let pods = loaded.predictor == configuration.predictor ? targets.filter { $0.rule != nil } : []
            if loaded.oomScoreAdj != configuration.oomScoreAdj {
                oomScoreAdj = Self.applier(loaded.oomScoreAdjRules, procRoot: oomScoreAdjProcRoot, isDryRun: isDryRun)
            }
            hooks.hooks = loaded.hooks
            configuration = loaded
            recycler?.configure(rules: loaded.recyclingRules, scanIntervalMs: loaded.recycling.scanIntervalMs)
            targets = newTargets + pods
            // The new thresholds and policies are weighed on the next tick.
            requireFullTick()
            discoverPods(at: nowMs(), keeping: pods)
            if targets.map(\.name) != before { targetsGeneration += 1 }
            if loaded.policy.governor != governor.settings { governor = KillGovernor(settings: loaded.policy.governor) }
            let message = "\(origin); watching " + targets.map(\.name).joined(separator: ", ")
            record(Event(.configReloaded, wallMs: wallMs(), tMs: nowMs(), message: message))
            return true
        } catch {
            var event = Event(.error, wallMs: wallMs(), tMs: nowMs())
            event.message = "configuration \(origin) rejected; the previous one stays"
            event.errors = error.lines
            record(event)
            return false
        }
    }

    // MARK: - Pods

    /// Looks for the pods of the `pods` section (at start, on SIGHUP, every
    /// `discoveryIntervalMs`) and watches each under its rule: a new pod is added, a removed one
    /// dropped, and one of `keeping` with the same preset and thresholds keeps its history
    /// (taking its rule's new policy). Without a `pods` section no pod is watched. A failed
    /// discovery is reported once and leaves the pods of the last one.
    private func discoverPods(at tMs: Int64, keeping: [DaemonTarget]) {
        lastDiscoveryMs = tMs
        guard let rules = configuration.podRules else {
            podIndex = PodIndex()
            if targets.contains(where: { $0.rule != nil }) {
                targets.removeAll { $0.rule != nil }
                targetsGeneration += 1
            }
            return
        }
        let found: [DiscoveredTarget]
        do throws(MemSenseError) {
            found = try ContainerDiscovery(source: source, runtime: runtime).targets(underPath: rules.cgroupRoot)
            if reportedDiscoveryProblem != nil { reportedDiscoveryProblem = nil }
        } catch {
            report(problem: "cannot look for pods: \(error)", target: "pods", slot: &reportedDiscoveryProblem, tMs: tMs)
            return
        }
        podIndex = PodIndex(found)
        var next = targets.filter { $0.rule == nil }
        for pod in found where pod.kind == .pod {
            guard let location = pod.location, !next.contains(where: { $0.name == location.path }) else { continue }
            let rule = rules.rule(for: pod) ?? rules.default
            if var kept = keeping.first(where: { $0.name == location.path && $0.rule != nil }),
                kept.preset == rule.preset, kept.predictor.thresholds == rule.thresholds
            {
                kept.rule = rule
                next.append(kept)
            } else {
                let placement = PodIndex.Placement(pod: pod.podName, namespace: pod.podNamespace)
                next.append(
                    DaemonTarget(
                        pod: location, placement: placement, rule: rule, source: source, config: configuration.predictor
                    ))
            }
        }
        if next.map(\.name) != targets.map(\.name) { targetsGeneration += 1 }
        targets = next
    }

    /// The targets of `configuration`: the node (unless switched off), each configured cgroup,
    /// then each `--cgroup`, without repeats. A target of `keeping` with the same cgroup and preset,
    /// under the same predictor settings, is carried over with its history.
    private static func targets(
        for configuration: Configuration, extraCgroups: [String], source: any FileSource, keeping: [DaemonTarget],
        previous: Configuration?, path: String
    ) throws(ConfigurationError) -> [DaemonTarget] {
        let daemon = configuration.daemon
        let predictor = configuration.predictor
        var wanted: [(jsonPath: String, name: String?, preset: PredictorConfig.Preset)] = []
        if daemon.watchNode { wanted.append(("daemon.watch_node", nil, daemon.nodePreset ?? predictor.preset)) }
        for (index, target) in daemon.targets.enumerated() {
            wanted.append(("daemon.targets[\(index)].cgroup", target.cgroup, target.preset ?? predictor.preset))
        }
        for name in extraCgroups { wanted.append(("--cgroup \(name)", name, predictor.preset)) }
        var problems: [ConfigIssue] = []
        var result: [DaemonTarget] = []
        for (jsonPath, name, preset) in wanted {
            var location: CgroupLocation?
            if let name {
                do {
                    location = try CgroupLocation.named(name, in: source)
                } catch {
                    problems.append(ConfigIssue(path: jsonPath, error.description))
                    continue
                }
            }
            let targetName = location?.path ?? "node"
            guard !result.contains(where: { $0.name == targetName }) else { continue }
            if previous?.predictor == predictor,
                let kept = keeping.first(where: { $0.name == targetName && $0.preset == preset }),
                kept.location == location
            {
                result.append(kept)
            } else {
                result.append(DaemonTarget(location: location, source: source, config: predictor, preset: preset))
            }
        }
        if wanted.isEmpty && configuration.pods == nil {
            problems.append(
                ConfigIssue(
                    path: "daemon.watch_node", "false, and no cgroup target nor pods section: nothing to watch"))
        }
        guard problems.isEmpty else { throw .invalid(path: path, problems: problems) }
        return result
    }
}
