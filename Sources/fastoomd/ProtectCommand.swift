import LinuxSys

#if canImport(Glibc)
    import Glibc
#endif

/// `fastoomd protect`: runs a command with a lowered oom_score_adj that its children inherit,
/// so that neither the kernel nor fastoomd picks it, by exec (no shell, no extra process).
///
/// The protection is told to fastoomd through the environment the command runs with:
/// `FASTOOMD_PROTECTED=1` and, with `--max-stall`, `FASTOOMD_MAX_STALL_S`.
enum ProtectCommand {
    static let help = """
        usage: fastoomd protect [--adj N] [--max-stall S] -- COMMAND [ARGS...]

          --adj N          the oom_score_adj to run COMMAND with, -1000..1000 (default -1000: never
                           chosen by the kernel's OOM killer); lowering it needs CAP_SYS_RESOURCE
          --max-stall S    let fastoomd still choose COMMAND (or a child) when its target has been
                           critical for longer than S seconds (1..86400)

        exit status: COMMAND's own; 3 when oom_score_adj cannot be set; 126 when COMMAND cannot be
        run; 127 when it is not found; 2 for a wrong command line
        """

    static func run(_ words: [String]) throws(UsageError) -> ExitStatus {
        let arguments = try CommandLineArguments(words, options: ["adj", "max-stall"], switches: ["help"])
        if arguments.has("help") {
            Output.line(help)
            return .success
        }
        guard arguments.positional.isEmpty else {
            throw UsageError("protect runs the command after --, not \"\(arguments.positional[0])\"")
        }
        guard !arguments.afterDashes.isEmpty else { throw UsageError("protect needs -- COMMAND [ARGS...]") }
        let adjustment = try arguments.integer("adj", in: -1000...1000) ?? -1000
        let maxStallSeconds = try arguments.integer("max-stall", in: 1...86_400)
        do {
            try setOOMScoreAdj(adjustment, pid: getpid())
        } catch {
            Output.error("fastoomd protect: cannot set oom_score_adj to \(adjustment): \(error.description)")
            if case .missingCapability = error {
                Output.error(
                    "fastoomd protect: lowering oom_score_adj below its current value needs CAP_SYS_RESOURCE; "
                        + "run as root with that capability, or choose an --adj at or above the current value")
            }
            return .startup
        }
        var environment = ["FASTOOMD_PROTECTED": "1"]
        if let maxStallSeconds { environment["FASTOOMD_MAX_STALL_S"] = String(maxStallSeconds) }
        let command = arguments.afterDashes[0]
        do {
            try replaceProcess(with: arguments.afterDashes, adding: environment)
        } catch {
            Output.error(
                "fastoomd protect: \(command): \(error.errno == .noSuchFileOrDirectory ? "command not found" : error.description)"
            )
            exit(error.errno == .noSuchFileOrDirectory ? 127 : 126)
        }
    }
}
