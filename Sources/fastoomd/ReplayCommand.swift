import MemSense
import Predictor

/// `fastoomd replay TRACE`: what the daemon would have decided on a recorded trace, sample by
/// sample, with the recorded times as the clock (Tests/Fixtures/traces/FORMAT.md, "What replay
/// prints"). `--rule` replays a baseline instead of the predictor, to compare the two on the
/// same trace.
enum ReplayCommand {
    static let help = """
        usage: fastoomd replay TRACE [--json] [--config FILE] [--preset low|medium|high] [--rule earlyoom|psi]

          --json           one JSON object per changed sample, then a summary line
          --config FILE    read the predictor's settings from this configuration file
          --preset P       low, medium or high (default: the configuration's preset, else medium)
          --rule R         replay a baseline instead of the predictor: earlyoom (available <= 10 %)
                           or psi (memory PSI full avg10 > 10 %, as systemd-oomd does)
        """

    static func run(_ words: [String]) throws(UsageError) -> ExitStatus {
        let arguments = try CommandLineArguments(
            words, options: ["config", "preset", "rule"], switches: ["json", "help"])
        if arguments.has("help") {
            Output.line(help)
            return .success
        }
        guard arguments.positional.count == 1, let path = arguments.positional.first else {
            throw UsageError("replay takes one trace file, not \(arguments.positional.count)")
        }
        let preset = try arguments.value("preset").map { name throws(UsageError) in
            guard let preset = PredictorConfig.Preset(rawValue: name) else {
                throw UsageError("--preset takes low, medium or high, not \"\(name)\"")
            }
            return preset
        }
        let configuration: Configuration
        do throws(ConfigurationError) {
            configuration = try arguments.value("config").map(Configuration.load(path:)) ?? Configuration()
        } catch {
            Output.error("fastoomd replay: \(error.description)")
            return .startup
        }
        let rule = try rule(arguments.value("rule"), preset: preset, configuration: configuration)
        let isJSON = arguments.has("json")
        do throws(MemSenseError) {
            var reader = try TraceReader(path: path)
            var replay = try Replay(
                header: reader.header, path: path, rule: rule, pageSizeBytes: configuration.predictor.pageSizeBytes)
            if !isJSON { Output.line(ReplayOutput.tableHeader) }
            try replay.run(&reader) { change in
                Output.line(isJSON ? JSONLines.line(ReplayOutput.ChangeLine(change)) : ReplayOutput.tableRow(change))
            }
            Output.line(
                isJSON ? JSONLines.line(ReplayOutput.SummaryLine(replay.summary)) : ReplayOutput.summaryText(of: replay)
            )
            return .success
        } catch {
            Output.error("fastoomd replay: \(error.description)")
            return .failure
        }
    }

    private static func rule(
        _ name: String?, preset: PredictorConfig.Preset?, configuration: Configuration
    ) throws(UsageError) -> Replay.Rule {
        switch name {
        case nil:
            return .predictor(configuration.predictor, preset: preset ?? configuration.predictor.preset)
        case _ where preset != nil:
            throw UsageError("--preset chooses the predictor's thresholds; it does not go with --rule")
        case "earlyoom": return .earlyOOM
        case "psi": return .psi
        case let other?: throw UsageError("--rule takes earlyoom or psi, not \"\(other)\"")
        }
    }
}
