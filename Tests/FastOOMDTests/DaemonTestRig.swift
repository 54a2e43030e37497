import KillPolicy
import MemSense
import TestSupport

@testable import fastoomd

/// A daemon over a recorded cgroup v1 trace with an in-memory process table laid over it: the
/// recorded group appears at `sys/fs/cgroup/memory/replay` (hierarchy path `/replay`, or
/// `cgroupPath`) and holds a small service (pid 100) and the hog (pid 200), in its subgroup
/// `processSubgroup` if given; sshd (pid 300) lives outside it. `files` are laid over the trace
/// too (a container's group, a runtime's bundle). The group is watched as a `--cgroup` target
/// unless `watchesGroup` is false (a `pods` section finds it instead).
final class DaemonTestRig<Control: ProcessControl> {
    static var service: ProcessIdentity { ProcessIdentity(pid: 100, startTimeTicks: 1000) }
    static var hog: ProcessIdentity { ProcessIdentity(pid: 200, startTimeTicks: 2000) }
    static var sshd: ProcessIdentity { ProcessIdentity(pid: 300, startTimeTicks: 50) }
    static var hogRSSBytes: UInt64 { 400 << 20 }

    let trace: Trace
    let traceSource: TraceFileSource
    let processes: InMemoryFileSource
    let clock = ManualClock()
    let daemon: Daemon<Control>
    private let box = EventBox()
    private var nextSample = 0

    /// - Parameter oomScoreAdjProcRoot: where the daemon writes oom_score_adj (never /proc: the
    ///   rig's pids are made up); nil: it does not.
    init(
        trace name: String, control: (ManualClock) -> Control, isDryRun: Bool = false,
        configuration: Configuration? = nil, metricsPath: String? = nil, cgroupPath: String = "/replay",
        processSubgroup: String = "", files: [String: String] = [:], runtimeRoot: String? = nil,
        watchesGroup: Bool = true, oomScoreAdjProcRoot: String? = nil
    ) throws {
        trace = try Trace(path: FixturePaths.trace(name))
        let cgroupDirectory = "sys/fs/cgroup/memory" + cgroupPath
        traceSource = TraceFileSource(cgroupDirectory: cgroupDirectory)
        processes = InMemoryFileSource(
            files.merging([
                "proc/self/mountinfo": "35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory\n"
            ]) { _, rig in rig })
        let processCgroup = cgroupPath + processSubgroup
        Self.addProcess(processes, Self.service, comm: "svc-web", cgroup: processCgroup, anonKB: 20 << 10)
        Self.addProcess(processes, Self.hog, comm: "hog", cgroup: processCgroup, anonKB: Self.hogRSSBytes >> 10)
        Self.addProcess(processes, Self.sshd, comm: "sshd", cgroup: "/system.slice/ssh.service", anonKB: 8 << 10)
        traceSource.show(trace.samples[0])
        let clock = clock
        let source = LayeredFileSource(upper: processes, lower: traceSource)
        let box = box
        daemon = try Daemon(
            configuration: configuration ?? ShippedConfiguration.decoded(), configurationPath: "test.json",
            extraCgroups: watchesGroup ? ["/" + cgroupDirectory] : [], source: source,
            runtime: runtimeRoot.map { RuntimeMetadata(source: source, root: $0) }, control: control(clock),
            isDryRun: isDryRun,
            ownPID: 4242, nowMs: { clock.nowMs }, wallMs: { 1_800_000_000_000 + clock.nowMs },
            metricsPath: metricsPath, oomScoreAdjProcRoot: oomScoreAdjProcRoot, record: { box.events.append($0) })
    }

    /// Every event the daemon recorded so far.
    var recorded: [Event] { box.events }

    /// Replays the trace's samples in order, one tick each, until `stop` says so (after a tick);
    /// a later call goes on from the next sample.
    func run(until stop: (DaemonTestRig) -> Bool = { _ in false }) {
        while nextSample < trace.samples.count {
            let sample = trace.samples[nextSample]
            nextSample += 1
            traceSource.show(sample)
            if clock.nowMs < sample.tMs { clock.advance(byMs: sample.tMs - clock.nowMs) }
            daemon.tick(at: sample.tMs)
            if stop(self) { return }
        }
    }

    /// The time the kernel's OOM killer struck in the recording.
    var kernelKillMs: Int64? {
        trace.labels.first { $0.kind == "kernel_oom_kill" }?.tMs
    }

    /// A process with every file the process table reads.
    static func addProcess(
        _ source: InMemoryFileSource, _ identity: ProcessIdentity, comm: String, cgroup: String, anonKB: UInt64
    ) {
        let directory = "proc/\(identity.pid)/"
        source.set(
            directory + "stat",
            "\(identity.pid) (\(comm)) S 1 \(identity.pid) \(identity.pid) 0 -1 0 0 0 0 0 0 0 0 0 20 0 1 0 "
                + "\(identity.startTimeTicks) 0 0\n")
        source.set(
            directory + "status",
            "Name:\t\(comm)\nPPid:\t1\nUid:\t1000\t1000\t1000\t1000\nKthread:\t0\n"
                + "VmRSS:\t\(anonKB + 1000) kB\nRssAnon:\t\(anonKB) kB\nRssFile:\t1000 kB\nRssShmem:\t0 kB\n")
        source.set(directory + "cmdline", bytes: Array("/usr/bin/\(comm)\0--serve\0".utf8))
        source.set(directory + "oom_score", "\(anonKB >> 10)\n")
        source.set(directory + "oom_score_adj", "0\n")
        source.set(directory + "cgroup", "4:memory:\(cgroup)\n")
    }
}

/// Where the rig's daemon records its events.
final class EventBox {
    var events: [Event] = []
}

/// The shipped config/policy.json, as text or decoded, optionally with a `daemon` and a `pods`
/// section put in front.
enum ShippedConfiguration {
    static func decoded(daemonSection: String? = nil, podsSection: String? = nil) throws -> Configuration {
        try Configuration.decoding(
            Array(text(daemonSection: daemonSection, podsSection: podsSection).utf8), path: "policy.json")
    }

    static func text(daemonSection: String? = nil, podsSection: String? = nil) throws -> String {
        let bytes = try DirectorySource(root: FixturePaths.packageRoot).contents(of: "config/policy.json")
        var text = String(decoding: bytes, as: UTF8.self)
        for (key, section) in [("daemon", daemonSection), ("pods", podsSection)] {
            guard let section, let brace = text.firstIndex(of: "{") else { continue }
            text = "{\"\(key)\": \(section)," + text[text.index(after: brace)...]
        }
        return text
    }
}
