import MemSense

/// `fastoomd targets`: what the daemon would watch on this node now: the node, the memory
/// cgroups named with `--cgroup`, this process's own memory cgroup, and the pods and containers
/// found in the memory hierarchy, each with its limit, usage and the rule that matched.
enum TargetsCommand {
    static let help = """
        usage: fastoomd targets [--json] [--proc-root DIR] [--sys-root DIR] [--runtime-root DIR]
                                [--cgroup PATH]... [--config FILE]

          --json              print one JSON line per target instead of a table
          --proc-root DIR     read /proc from DIR (default /proc)
          --sys-root DIR      read /sys from DIR (default /sys)
          --runtime-root DIR  read the container runtimes' files (containerd and CRI-O bundles,
                              Docker's config.v2.json) under DIR (default /)
          --cgroup PATH       also watch this memory cgroup: `self`, a directory under /sys/fs/cgroup,
                              or a hierarchy path (repeatable)
          --config FILE       the configuration whose `pods` section says which pods are watched, under
                              which rule (default \(Configuration.installedPath) if it exists, else the
                              built-in defaults: no pods section, pods are only `discovered`)
        """

    static func run(_ words: [String]) throws(UsageError) -> ExitStatus {
        let arguments = try CommandLineArguments(
            words, options: ["proc-root", "sys-root", "runtime-root", "cgroup", "config"], switches: ["json", "help"])
        if arguments.has("help") {
            Output.line(help)
            return .success
        }
        guard arguments.positional.isEmpty else {
            throw UsageError("targets takes no argument \"\(arguments.positional[0])\"")
        }
        let configuration: Configuration
        do throws(ConfigurationError) {
            configuration = try Configuration.load(configPath: arguments.value("config")).0
        } catch {
            Output.error("fastoomd targets: configuration:\n\(error)")
            return .startup
        }
        let source = DirectorySource(
            procRoot: arguments.value("proc-root") ?? "/proc", sysRoot: arguments.value("sys-root") ?? "/sys")
        let runtime = RuntimeMetadata(source: source, root: arguments.value("runtime-root") ?? "/")
        do throws(MemSenseError) {
            let found = try reports(
                source: source, runtime: runtime, cgroups: arguments.values("cgroup"), rules: configuration.podRules)
            Output.line(
                arguments.has("json")
                    ? found.map { JSONLines.line($0) }.joined(separator: "\n") : TargetReport.table(found))
            return .success
        } catch {
            Output.error("fastoomd targets: \(error.description)")
            return .startup
        }
    }

    /// The node first, then the named cgroups, this process's cgroup, and the discovered pods
    /// and containers. A cgroup is listed once, where it was first found; one that is also a pod
    /// or a container is shown as that, under its pod rule; without `rules` (no `pods` section),
    /// or outside their `cgroup_root`, pods and containers are only `discovered`.
    static func reports(source: DirectorySource, runtime: RuntimeMetadata, cgroups: [String], rules: PodRules?)
        throws(MemSenseError) -> [TargetReport]
    {
        var found = [TargetReport(try DiscoveredTarget.node(in: source), rule: "node")]
        var indexByDirectory: [String: Int] = [:]
        func add(_ target: DiscoveredTarget, rule: String) {
            guard let directory = target.location?.directory else { return }
            if let index = indexByDirectory[directory] {
                if target.kind != .cgroup { found[index] = TargetReport(target, rule: rule) }
                return
            }
            indexByDirectory[directory] = found.count
            found.append(TargetReport(target, rule: rule))
        }
        for name in cgroups {
            add(DiscoveredTarget.cgroup(try CgroupLocation.named(name, in: source), in: source), rule: "--cgroup")
        }
        if let own = try CgroupLocation.memoryCgroup(in: source) {
            add(DiscoveredTarget.cgroup(own, in: source), rule: "self")
        }
        let discovery = ContainerDiscovery(source: source, runtime: runtime)
        let all = try discovery.targets(underPath: nil)
        var watched: Set<String> = []
        if let rules {
            let under = rules.cgroupRoot == nil ? all : try discovery.targets(underPath: rules.cgroupRoot)
            watched = Set(under.compactMap(\.location?.path))
        }
        for target in all {
            let rule = watched.contains(target.location?.path ?? "") ? rules?.rule(for: target) : nil
            add(target, rule: rule?.name ?? "discovered")
        }
        return found
    }
}
