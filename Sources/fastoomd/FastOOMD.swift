#if canImport(Glibc)
    import Glibc
#endif

/// The subcommands and their one-line help, in the order `fastoomd help` lists them.
enum FastOOMD {
    static let usage = """
        usage: fastoomd COMMAND [OPTIONS]

        commands:
          run         the daemon: watch the node and cgroups, kill before the kernel's OOM killer
          sample      print one sample of the node or a memory cgroup
          events      print the event log (--follow to keep watching it)
          protect     run a command with a lowered oom_score_adj
          candidates  rank the processes the policy would kill, and show who is protected
          record      record the node's (and a memory cgroup's) kernel files to a trace
          replay      replay a trace through the predictor or a baseline rule
          targets     list what the daemon would watch: node, cgroups, pods, containers
          import-oom-adjust
                      turn an oom_adj cron script's "name value" lines into oom_score_adj rules
          help        print this text
          run           the daemon: watch the node and cgroups, kill before the kernel's OOM killer
          sample        print one sample of the node or a memory cgroup
          events        print the event log (--follow to keep watching it)
          protect       run a command with a lowered oom_score_adj
          candidates    rank the processes the policy would kill, and show who is protected
          record        record the node's (and a memory cgroup's) kernel files to a trace
          replay        replay a trace through the predictor or a baseline rule
          targets       list what the daemon would watch: node, cgroups, pods, containers
          check-config  validate a configuration file and list every problem with its JSON path
          help          print this text

        Run `fastoomd COMMAND --help` for a command's options.
        """

    static func run(_ words: [String]) -> ExitStatus {
        guard let command = words.first else {
            Output.error(usage)
            return .usage
        }
        let rest = Array(words.dropFirst())
        do throws(UsageError) {
            switch command {
            case "run": return try RunCommand.run(rest)
            case "sample": return try SampleCommand.run(rest)
            case "protect": return try ProtectCommand.run(rest)
            case "events": return try EventsCommand.run(rest)
            case "candidates": return try CandidatesCommand.run(rest)
            case "record": return try RecordCommand.run(rest)
            case "replay": return try ReplayCommand.run(rest)
            case "targets": return try TargetsCommand.run(rest)
            case "import-oom-adjust": return try ImportOOMAdjustCommand.run(rest)
            case "check-config": return try CheckConfigCommand.run(rest)
            case "help", "--help", "-h":
                Output.line(usage)
                return .success
            default: throw UsageError("unknown command \"\(command)\"")
            }
        } catch {
            Output.error("fastoomd: \(error.description)\n\n\(usage)")
            return .usage
        }
    }
}

/// The executable's only writers: standard output for results, standard error for problems.
enum Output {
    static func line(_ text: String) {
        write(text + "\n", to: STDOUT_FILENO)
    }

    static func error(_ text: String) {
        write(text + "\n", to: STDERR_FILENO)
    }

    /// Writes all of `text`, retrying short writes and EINTR, so that a line is never cut.
    static func write(_ text: String, to fd: Int32) {
        write(Array(text.utf8), to: fd)
    }

    static func write(_ bytes: [UInt8], to fd: Int32) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
            }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            offset += written
        }
    }
}
