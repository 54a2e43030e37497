/// `fastoomd check-config FILE`: loads FILE through the same `Configuration` loader as `run`, so
/// that a file it accepts is one the daemon accepts, and lists every problem of every section,
/// each with its JSON path and what would fix it.
enum CheckConfigCommand {
    static let help = """
        usage: fastoomd check-config FILE

        Validates the configuration FILE (every section: predictor, kill_policy, daemon) and prints
        each problem as `FILE: JSON.path: what is wrong (hint)`. Exit status 0 when the file is
        valid, 1 when it has problems or cannot be read as JSON.
        """

    static func run(_ words: [String]) throws(UsageError) -> ExitStatus {
        let arguments = try CommandLineArguments(words, options: [], switches: ["help"])
        if arguments.has("help") {
            Output.line(help)
            return .success
        }
        let files = arguments.positional + arguments.afterDashes
        guard files.count == 1, let path = files.first else {
            throw UsageError("check-config takes one FILE, not \(files.count)")
        }
        do throws(ConfigurationError) {
            _ = try Configuration.load(path: path)
            Output.line("\(path): valid")
            return .success
        } catch {
            for line in error.lines { Output.line(line) }
            if case .invalid(_, let problems) = error {
                Output.line("\(path): \(problems.count) problem\(problems.count == 1 ? "" : "s")")
            }
            return .failure
        }
    }
}
