import LinuxSys
import MemSense

/// `fastoomd record --out FILE`: writes a trace of this node (and of a memory cgroup) for
/// `fastoomd replay`, until --duration has passed or SIGINT / SIGTERM arrives.
enum RecordCommand {
    static let help = """
        usage: fastoomd record --out FILE [--interval MS] [--cgroup PATH] [--duration S] [--proc-root DIR] [--sys-root DIR]

          --out FILE       the trace to write (JSON lines; gzip-compressed when FILE ends in .gz)
          --interval MS    time between samples (10..60000, default 100)
          --cgroup PATH    record this memory cgroup too: `self`, a directory under /sys/fs/cgroup, or a
                           hierarchy path such as /kubepods/pod1 (relative to the memory mount)
          --duration S     stop after S seconds (default: at SIGINT or SIGTERM)
          --proc-root DIR  read /proc from DIR (default /proc)
          --sys-root DIR   read /sys from DIR (default /sys)
        """

    static func run(_ words: [String]) throws(UsageError) -> ExitStatus {
        let arguments = try CommandLineArguments(
            words, options: ["out", "interval", "cgroup", "duration", "proc-root", "sys-root"], switches: ["help"])
        if arguments.has("help") {
            Output.line(help)
            return .success
        }
        guard arguments.positional.isEmpty else {
            throw UsageError("record takes no argument \"\(arguments.positional[0])\"")
        }
        guard let path = arguments.value("out") else { throw UsageError("record needs --out FILE") }
        let intervalMs = Int64(try arguments.integer("interval", in: 10...60_000) ?? 100)
        let durationMs = try arguments.integer("duration", in: 1...604_800).map { Int64($0) * 1000 }
        // Blocked before anything else, so that a signal during start-up is read, not fatal.
        let stopSignals: SignalFD
        do {
            stopSignals = try SignalFD([.interrupt, .terminate])
        } catch {
            Output.error("fastoomd record: \(error.description)")
            return .startup
        }
        let source = DirectorySource(
            procRoot: arguments.value("proc-root") ?? "/proc", sysRoot: arguments.value("sys-root") ?? "/sys")
        let recorder: Recorder
        do throws(MemSenseError) {
            let cgroup = try arguments.value("cgroup").map { name throws(MemSenseError) in
                try CgroupLocation.named(name, in: source)
            }
            recorder = try Recorder(source: source, cgroup: cgroup, intervalMs: intervalMs)
        } catch {
            Output.error("fastoomd record: \(error.description)")
            return .startup
        }
        do throws(RecordError) {
            let count = try recorder.record(
                to: path, durationMs: durationMs, stopDescriptor: stopSignals.fileDescriptor)
            Output.error("fastoomd record: \(count) samples written to \(path)")
            return .success
        } catch {
            Output.error("fastoomd record: \(error.description)")
            return .failure
        }
    }
}
