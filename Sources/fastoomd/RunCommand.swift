import KillPolicy
import LinuxSys
import MemSense

#if canImport(Glibc)
    import Glibc
#endif

/// `fastoomd run`: the daemon. It protects itself, then loops on one thread: wait (poll on the
/// signalfd and the pressure wake-ups, with the adaptive interval as the timeout), tick, repeat.
/// SIGTERM and SIGINT end it with a `stopped` event and status 0; SIGHUP reloads the
/// configuration, keeping the old one when the new one has any problem.
enum RunCommand {
    static let help = """
        usage: fastoomd run [--config FILE] [--dry-run] [--once] [--log FILE] [--proc-root DIR]
                            [--sys-root DIR] [--runtime-root DIR] [--cgroup PATH]... [--metrics FILE]

        Watches the node and each memory cgroup target, and kills per the kill policy before the
        kernel's OOM killer has to.

          --config FILE    the configuration (default \(Configuration.installedPath) if it exists, else
                           the built-in defaults); SIGHUP reads it again
          --dry-run        kill nothing: print and log each would-be kill (victim, score, reasons,
                           memory it would free) as a would_kill event
          --once           one tick, then stop
          --log FILE       append events to FILE (default \(EventLog.defaultPath)); they also go to
                           standard output
          --proc-root DIR  read /proc from DIR, and write the oom_score_adj rules there (default /proc)
          --sys-root DIR   read /sys from DIR (default /sys)
          --metrics FILE   keep a Prometheus textfile (node_exporter's textfile collector) of each
                           target's available bytes, probability, state, time to exhaustion and
                           kills; replaced atomically when it changes (default daemon.metrics_path)
          --runtime-root DIR
                           read the container runtimes' files, which name the pods of the `pods`
                           section, under DIR (default /)
          --cgroup PATH    also watch this memory cgroup (v1 or v2: a directory under /sys/fs/cgroup or
                           a hierarchy path); it acts only on the processes inside it. Repeatable.
        """

    static func run(_ words: [String]) throws(UsageError) -> ExitStatus {
        let arguments = try CommandLineArguments(
            words, options: ["config", "log", "proc-root", "sys-root", "runtime-root", "cgroup", "metrics"],
            switches: ["dry-run", "once", "help"])
        if arguments.has("help") {
            Output.line(help)
            return .success
        }
        if let word = arguments.positional.first ?? arguments.afterDashes.first {
            throw UsageError("run takes no argument \"\(word)\"")
        }
        let configPath = arguments.value("config")
        let configuration: Configuration
        let origin: String?
        do throws(ConfigurationError) {
            (configuration, origin) = try Configuration.load(configPath: configPath)
        } catch {
            Output.error("fastoomd run: configuration \(configPath ?? Configuration.installedPath):\n\(error)")
            return .startup
        }
        let procRoot = arguments.value("proc-root") ?? "/proc"
        let source = DirectorySource(procRoot: procRoot, sysRoot: arguments.value("sys-root") ?? "/sys")
        let setup = Setup(
            configuration: configuration, configPath: configPath, origin: origin ?? "the built-in defaults",
            extraCgroups: arguments.values("cgroup"), source: source,
            runtime: RuntimeMetadata(source: source, root: arguments.value("runtime-root") ?? "/"),
            log: EventLog(path: arguments.value("log") ?? EventLog.defaultPath), isOnce: arguments.has("once"),
            metricsPath: arguments.value("metrics") ?? configuration.daemon.metricsPath)
        guard arguments.has("dry-run") else {
            return serve(setup, control: SystemProcessControl(source: source), isDryRun: false) { _ in }
        }
        return serve(setup, control: DryRunProcessControl(), isDryRun: true) { daemon in
            // The dry-run control keeps every call it received; the events already hold them.
            if !daemon.control.actions.isEmpty { daemon.control = DryRunProcessControl() }
        }
    }

    /// What `serve` needs besides the control.
    struct Setup {
        var configuration: Configuration
        /// `--config`; nil: the installed file, else the defaults, looked up again on SIGHUP.
        var configPath: String?
        /// Where the configuration came from, for errors.
        var origin: String
        var extraCgroups: [String]
        var source: DirectorySource
        var runtime: RuntimeMetadata
        var log: EventLog
        var isOnce: Bool
        /// `--metrics`, else `daemon.metrics_path`: read at start-up only.
        var metricsPath: String?
    }

    /// This machine's free memory, for calm ticks over the real /proc.
    private static func freeMemory() -> (freeBytes: UInt64, totalBytes: UInt64) {
        let memory = SystemMemory.current()
        return (memory.freeBytes, memory.totalBytes)
    }

    /// Protects the process, starts the daemon with `control` and runs the loop until a stop
    /// signal (or one tick with `--once`). `afterTick` runs after every tick.
    static func serve<Control: ProcessControl>(
        _ setup: Setup, control: Control, isDryRun: Bool, afterTick: (Daemon<Control>) -> Void
    ) -> ExitStatus {
        var notes: [String] = []
        var problems: [String] = []
        let isLocked = protectSelf(notes: &notes, problems: &problems)
        let wakeups: Wakeups
        let daemon: Daemon<Control>
        do {
            wakeups = try Wakeups()
            var freeMemory: NodeSampler.FreeMemoryReader?
            if setup.source.procRoot == "/proc" { freeMemory = Self.freeMemory }
            daemon = try Daemon(
                configuration: setup.configuration, configurationPath: setup.origin,
                extraCgroups: setup.extraCgroups, source: setup.source, freeMemory: freeMemory, runtime: setup.runtime,
                control: control,
                isDryRun: isDryRun, ownPID: getpid(), nowMs: MonotonicClock.nowMs, wallMs: WallClock.nowMs,
                metricsPath: setup.metricsPath, oomScoreAdjProcRoot: setup.source.procRoot, record: setup.log.write)
        } catch {
            Output.error("fastoomd run: \(error)")
            return .startup
        }
        let watching = watchPressure(of: daemon, wakeups: wakeups, source: setup.source)
        notes += watching.notes
        problems += watching.problems
        daemon.recycler = Recycler(setup, isDryRun: isDryRun, record: setup.log.write)
        problems += watchThresholds(of: daemon, wakeups: wakeups, source: setup.source)
        var service: SystemdService?
        do throws(LinuxSysError) {
            service = try SystemdService.fromEnvironment()
            try service?.notify("READY=1")
        } catch {
            problems.append("sd_notify: \(error)")
        }
        daemon.recordStarted(notes: notes, problems: problems)
        var trimmer = ImageTrimmer()
        if !setup.isOnce { trimmer.start(daemon, isLocked: isLocked, nowMs: MonotonicClock.nowMs()) }
        return loop(daemon, wakeups: wakeups, service: service, setup: setup, trimmer: &trimmer, afterTick: afterTick)
    }

    /// mlockall (current and future pages, on fault where the kernel can), oom_score_adj -1000,
    /// SIGPIPE ignored. What the kernel refuses is noted and the daemon goes on: without
    /// CAP_SYS_RESOURCE it cannot lower its own oom_score_adj (a systemd unit sets it instead).
    /// Returns whether the memory is locked.
    private static func protectSelf(notes: inout [String], problems: inout [String]) -> Bool {
        var isLocked = false
        do throws(LinuxSysError) {
            let mode = try lockMemory()
            notes.append(mode == .onFault ? "memory locked (on fault)" : "memory locked (all pages)")
            isLocked = true
        } catch {
            problems.append("memory not locked: \(error)")
        }
        do throws(LinuxSysError) {
            try setOOMScoreAdj(-1000, pid: getpid())
            notes.append("oom_score_adj -1000")
        } catch {
            problems.append("oom_score_adj not set: \(error)")
        }
        do throws(LinuxSysError) {
            try ignore(.brokenPipe)
        } catch {
            problems.append("SIGPIPE not ignored: \(error)")
        }
        return isLocked
    }

    private static func watchPressure<Control>(
        of daemon: Daemon<Control>, wakeups: Wakeups, source: DirectorySource
    ) -> (notes: [String], problems: [String]) {
        wakeups.watch(
            daemon.targets.map(\.location), source: source, stallMs: daemon.configuration.daemon.psiStallMs,
            windowMs: daemon.configuration.daemon.psiWindowMs)
    }

    /// Wait, tick, repeat. A pressure wake-up brings the next tick forward, but never closer than
    /// `min_interval_ms` to the last one.
    private static func loop<Control: ProcessControl>(
        _ daemon: Daemon<Control>, wakeups: Wakeups, service: SystemdService?, setup: Setup,
        trimmer: inout ImageTrimmer, afterTick: (Daemon<Control>) -> Void
    ) -> ExitStatus {
        var lastTickMs = MonotonicClock.nowMs()
        var nextTickMs = lastTickMs
        var pollProblem: String?
        var watchedGeneration = daemon.targetsGeneration
        /// Pods come and go and a reload changes the targets: their wake-ups follow.
        func followTargets() {
            guard daemon.targetsGeneration != watchedGeneration else { return }
            watchedGeneration = daemon.targetsGeneration
            let watching = watchPressure(of: daemon, wakeups: wakeups, source: setup.source)
            if !watching.problems.isEmpty {
                daemon.recordError("pressure wake-ups of new targets", errors: watching.problems)
            }
        }
        while true {
            let nowMs = MonotonicClock.nowMs()
            if nowMs >= nextTickMs {
                let intervalMs = daemon.tick(at: nowMs)
                trimmer.tick(daemon, nowMs: nowMs)
                followTargets()
                afterTick(daemon)
                lastTickMs = nowMs
                nextTickMs = nowMs + intervalMs
                do throws(LinuxSysError) {
                    try service?.pingIfDue(atMs: nowMs)
                } catch {
                    daemon.recordError("sd_notify WATCHDOG=1: \(error)")
                }
                if setup.isOnce {
                    daemon.recordStopped(reason: "--once")
                    return .success
                }
            }
            let afterMs = MonotonicClock.nowMs()
            var timeoutMs = max(0, nextTickMs - afterMs)
            if let pingMs = service?.nextPingMs { timeoutMs = min(timeoutMs, max(0, pingMs - afterMs)) }
            let woken: Wakeups.Woken
            do throws(LinuxSysError) {
                woken = try wakeups.wait(timeoutMs: Int32(clamping: timeoutMs))
                pollProblem = nil
            } catch {
                let problem = "wait: \(error)"
                if pollProblem != problem { daemon.recordError(problem) }
                pollProblem = problem
                usleep(useconds_t(daemon.configuration.daemon.minIntervalMs) * 1000)
                continue
            }
            for lost in woken.lost { daemon.recordError(lost) }
            if let signal = woken.stopSignal {
                try? service?.notify("STOPPING=1")
                daemon.recordStopped(reason: "\(signal)")
                return .success
            }
            if woken.wantsReload {
                if daemon.reload(configPath: setup.configPath),
                    case let lost = watchThresholds(of: daemon, wakeups: wakeups, source: setup.source), !lost.isEmpty
                {
                    daemon.recordError("usage thresholds after reload", errors: lost)
                }
                followTargets()
            }
            if woken.byPressure { nextTickMs = min(nextTickMs, lastTickMs + daemon.configuration.daemon.minIntervalMs) }
        }
    }
}
