import MemSense
import Predictor

/// `fastoomd replay TRACE`: what the daemon would have decided on a recorded trace, sample by
/// sample, with the recorded times as the clock (Tests/Fixtures/traces/FORMAT.md, "What replay
/// prints"). `--rule` replays a baseline instead of the predictor, to compare the two on the
/// same trace.
enum ReplayCommand {
    static let help = """
        usage: fastoomd replay TRACE [--json] [--config FILE] [--preset low|medium|high] [--rule earlyoom|psi]
                                     [--plot FILE.svg]

          --json           one JSON object per changed sample, then a summary line
          --config FILE    read the predictor's settings from this configuration file
          --preset P       low, medium or high (default: the configuration's preset, else medium)
          --rule R         replay a baseline instead of the predictor: earlyoom (available <= 10 %)
                           or psi (memory PSI full avg10 > 10 %, as systemd-oomd does)
          --plot FILE      also draw available memory, probability, state bands, the kills the
                           daemon would have made and the trace's labels as an SVG file
        """

    static func run(_ words: [String]) throws(UsageError) -> ExitStatus {
        let arguments = try CommandLineArguments(
            words, options: ["config", "preset", "rule", "plot"], switches: ["json", "help"])
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
            var plot = SVGPlot(title: "fastoomd replay \(path.split(separator: "/").last ?? "") (\(rule.name))")
            var lastAction = Replay.Action.none
            try replay.run(&reader) { change in
                Output.line(isJSON ? JSONLines.line(ReplayOutput.ChangeLine(change)) : ReplayOutput.tableRow(change))
                if change.action == .kill && lastAction == .none {
                    plot.markers.append(SVGPlot.Marker(tMs: change.tMs, label: "would kill"))
                }
                lastAction = change.action
            } observe: { sample, assessment in
                plot.available.append(SVGPlot.Point(tMs: sample.tMs, value: Double(sample.availableBytes)))
                plot.probability.append(SVGPlot.Point(tMs: sample.tMs, value: assessment.probability))
                plot.track(state: assessment.state, atMs: sample.tMs)
            }
            Output.line(
                isJSON ? JSONLines.line(ReplayOutput.SummaryLine(replay.summary)) : ReplayOutput.summaryText(of: replay)
            )
            guard let plotPath = arguments.value("plot") else { return .success }
            plot.markers += replay.labels.map { SVGPlot.Marker(tMs: $0.tMs, label: markerText(of: $0), kind: "label") }
            do throws(FileWriteError) {
                try plot.write(to: plotPath)
            } catch {
                Output.error("fastoomd replay: \(error)")
                return .failure
            }
            return .success
        } catch {
            Output.error("fastoomd replay: \(error.description)")
            return .failure
        }
    }

    /// A trace label as the plot names it.
    private static func markerText(of label: TraceLabel) -> String {
        switch label.event {
        case .kernelOOMKill(_, let name): "kernel OOM kill: \(name)"
        case .stall(_, let name, _): "stall: \(name)"
        case .daemonKill(_, let name, let by): "\(by) kill: \(name)"
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
