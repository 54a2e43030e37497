import MemSense

#if canImport(Glibc)
    import Glibc
#endif

/// `fastoomd sample`: one sample of the node or of a memory cgroup, as JSON or a short table;
/// with `--interval MS`, two samples that far apart, and the rates between them.
enum SampleCommand {
    static let help = """
        usage: fastoomd sample [--json] [--proc-root DIR] [--sys-root DIR] [--cgroup PATH] [--interval MS]

          --json           print JSON (sorted keys, units in key names) instead of a table
          --proc-root DIR  read /proc from DIR (default /proc)
          --sys-root DIR   read /sys from DIR (default /sys)
          --cgroup PATH    sample this memory cgroup: `self`, a directory under /sys/fs/cgroup, or a
                           hierarchy path such as /kubepods/pod1
          --interval MS    take a second sample MS milliseconds later and print rates (1..60000)
        """

    static func run(_ words: [String]) throws(UsageError) -> ExitStatus {
        let arguments = try CommandLineArguments(
            words, options: ["proc-root", "sys-root", "cgroup", "interval"], switches: ["json", "help"])
        if arguments.has("help") {
            Output.line(help)
            return .success
        }
        guard arguments.positional.isEmpty else {
            throw UsageError("sample takes no argument \"\(arguments.positional[0])\"")
        }
        let intervalMs = try arguments.integer("interval", in: 1...60_000)
        let source = DirectorySource(
            procRoot: arguments.value("proc-root") ?? "/proc", sysRoot: arguments.value("sys-root") ?? "/sys")
        do throws(MemSenseError) {
            let node = try NodeSampler(source: source)
            let location = try arguments.value("cgroup").map { name throws(MemSenseError) in
                try CgroupLocation.named(name, in: source)
            }
            let group = location.map { CgroupSampler(source: source, directory: $0.directory, version: $0.version) }
            var sample = try take(node: node, group: group, at: 0)
            if let intervalMs {
                usleep(useconds_t(intervalMs) * 1000)
                sample = try take(node: node, group: group, at: Int64(intervalMs))
            }
            let report = SampleReport(sample, cgroupPath: location?.path)
            Output.line(arguments.has("json") ? JSONLines.line(report) : report.table)
            return .success
        } catch {
            Output.error("fastoomd sample: \(error.description)")
            return .startup
        }
    }

    private static func take(node: NodeSampler, group: CgroupSampler?, at tMs: Int64) throws(MemSenseError) -> Sample {
        let nodeSample = try node.sample(at: tMs)
        return try group?.sample(within: nodeSample) ?? nodeSample
    }
}
