import KillPolicy
import MemSense

#if canImport(Glibc)
    import Glibc
#endif

/// `fastoomd candidates`: who the policy would kill, in order, on the node or in one memory
/// cgroup, and who it never would, with why. It reads and ranks; it signals nothing.
enum CandidatesCommand {
    static let help = """
        usage: fastoomd candidates [--json] [--cgroup PATH] [--config FILE] [--proc-root DIR] [--sys-root DIR]

        Ranks the processes of the node (or of one memory cgroup) with the kill policy and prints
        the candidates in kill order with their scores and reasons, then every process that is
        not a candidate (PID 1, kernel threads, fastoomd, protected...) with why.

          --json           print JSON (sorted snake_case keys) instead of tables
          --cgroup PATH    only the processes of this memory cgroup, ranked against its limit:
                           `self`, a directory under /sys/fs/cgroup, or a hierarchy path
          --config FILE    read the policy from FILE's `kill_policy` section; without it,
                           \(Configuration.installedPath) if it exists, else the built-in copy of
                           config/policy.json
          --proc-root DIR  read /proc from DIR (default /proc)
          --sys-root DIR   read /sys from DIR (default /sys)
        """

    static func run(_ words: [String]) throws(UsageError) -> ExitStatus {
        let arguments = try CommandLineArguments(
            words, options: ["cgroup", "config", "proc-root", "sys-root"], switches: ["json", "help"])
        if arguments.has("help") {
            Output.line(help)
            return .success
        }
        if let word = arguments.positional.first ?? arguments.afterDashes.first {
            throw UsageError("candidates takes no argument \"\(word)\"")
        }
        let configuration: Configuration
        let origin: String?
        do throws(ConfigurationError) {
            (configuration, origin) = try Configuration.load(configPath: arguments.value("config"))
        } catch {
            Output.error("fastoomd candidates: \(error.description)")
            return .startup
        }
        let source = DirectorySource(
            procRoot: arguments.value("proc-root") ?? "/proc", sysRoot: arguments.value("sys-root") ?? "/sys")
        do throws(MemSenseError) {
            let report = try report(
                policy: configuration.policy, origin: origin ?? Configuration.builtInOrigin, source: source,
                cgroupName: arguments.value("cgroup"), ownPID: getpid())
            Output.line(arguments.has("json") ? JSONLines.line(report) : report.table)
            return .success
        } catch {
            Output.error("fastoomd candidates: \(error.description)")
            return .startup
        }
    }

    /// The ranking of the node's processes, or of `cgroupName`'s, scaled by MemTotal or by the
    /// cgroup's memory (its limit when it has one).
    static func report(
        policy: Policy, origin: String, source: any FileSource, cgroupName: String?, ownPID: Int32
    ) throws(MemSenseError) -> CandidatesReport {
        let node = try NodeSampler(source: source).sample(at: 0)
        let location = try cgroupName.map { name throws(MemSenseError) in try CgroupLocation.named(name, in: source) }
        let memoryTotalBytes =
            try location.map { location throws(MemSenseError) in
                try CgroupSampler(source: source, directory: location.directory, version: location.version)
                    .sample(within: node).totalBytes
            } ?? node.totalBytes
        let scan = try ProcessTable(source: source).scan(within: location?.path)
        let ranking = Ranking(
            of: scan.processes, policy: policy, ownPID: ownPID, memoryTotalBytes: memoryTotalBytes)
        return CandidatesReport(
            ranking, scan: scan, policyOrigin: origin, cgroupPath: location?.path,
            memoryTotalBytes: memoryTotalBytes, ownPID: ownPID)
    }
}
