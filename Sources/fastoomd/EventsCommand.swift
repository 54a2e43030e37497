import MemSense

#if canImport(Glibc)
    import Glibc
#endif

/// `fastoomd events [--follow] [--since TIME] [--json] [--log FILE]`: prints the event log.
///
/// `--json` prints each event's line exactly as it is in the log, once it has decoded as an
/// `Event` (lines that do not are skipped with a notice). The writer already writes canonical
/// lines, so passing them through keeps what a newer fastoomd added and costs no re-encoding.
enum EventsCommand {
    static let help = """
        usage: fastoomd events [--follow] [--since TIME] [--json] [--log FILE]
                               [--plot FILE.svg [--target TARGET]]

        Prints the daemon's event log, oldest event first, one event per line.

        options:
          --follow      keep printing new events as they are written, across rotations of
                        the log; waits for the log to appear
          --since TIME  only events at or after TIME: ISO 8601 in UTC (2026-11-28T03:30:00Z,
                        2026-11-28), Unix seconds (1795923000), or a time ago (90s, 10m, 2h, 1d)
          --json        print the JSON lines as they are in the log
          --log FILE    the log to read (default \(EventLog.defaultPath))
          --plot FILE   draw one target's state changes and kills as an SVG file instead of
                        printing (available memory, probability, state bands, kills)
          --target T    the target to plot: node or a cgroup path (default: the first one
                        in the log)
        """

    /// How long `--follow` sleeps between looks at the log.
    static let pollIntervalMs: UInt32 = 200

    static func run(_ words: [String]) throws(UsageError) -> ExitStatus {
        let arguments = try CommandLineArguments(
            words, options: ["since", "log", "plot", "target"], switches: ["follow", "json", "help"])
        if arguments.has("help") {
            Output.line(help)
            return .success
        }
        if let word = arguments.positional.first ?? arguments.afterDashes.first {
            throw UsageError("events takes no argument \"\(word)\"")
        }
        var sinceMs: Int64?
        if let text = arguments.value("since") { sinceMs = try Self.sinceMs(parsing: text, nowMs: WallClock.nowMs()) }
        let asJSON = arguments.has("json")
        let tail = EventTail(path: arguments.value("log") ?? EventLog.defaultPath, sinceMs: sinceMs)
        if let plotPath = arguments.value("plot") {
            guard !arguments.has("follow") else { throw UsageError("--plot draws the log as it is; not with --follow") }
            return plot(tail, to: plotPath, target: arguments.value("target"))
        }
        if arguments.value("target") != nil { throw UsageError("--target chooses what --plot draws") }
        do throws(ReadError) {
            try tail.run(follow: arguments.has("follow"), wait: waitForMore) { logged in
                Output.line(asJSON ? logged.line : EventRendering.line(logged.event))
            }
        } catch {
            Output.error("fastoomd events: \(error)")
            return .startup
        }
        return .success
    }

    /// Reads the whole log and writes the plot of one target.
    private static func plot(_ tail: EventTail, to path: String, target: String?) -> ExitStatus {
        var events: [Event] = []
        do throws(ReadError) {
            try tail.run(follow: false, wait: { false }) { events.append($0.event) }
        } catch {
            Output.error("fastoomd events: \(error)")
            return .startup
        }
        let plot = EventPlot.plot(of: events, target: target)
        do throws(FileWriteError) {
            try plot.write(to: path)
        } catch {
            Output.error("fastoomd events: \(error)")
            return .failure
        }
        return .success
    }

    /// `--since` as Unix milliseconds: ISO 8601 (UTC), whole Unix seconds, or a whole number
    /// of seconds, minutes, hours or days before `nowMs` (`90s`, `10m`, `2h`, `1d`).
    static func sinceMs(parsing text: String, nowMs: Int64) throws(UsageError) -> Int64 {
        let unitsMs: [Character: Int64] = ["s": 1000, "m": 60_000, "h": 3_600_000, "d": 86_400_000]
        if let unit = text.last, let unitMs = unitsMs[unit], let count = wholeNumber(text.dropLast()),
            case let (agoMs, overflow) = count.multipliedReportingOverflow(by: unitMs), !overflow
        {
            return nowMs - agoMs
        }
        if let seconds = wholeNumber(Substring(text)),
            case let (ms, overflow) = seconds.multipliedReportingOverflow(by: 1000), !overflow
        {
            return ms
        }
        if let ms = WallClock.parseISO8601(text) { return ms }
        throw UsageError(
            "--since takes an ISO 8601 time (2026-11-28T03:30:00Z), Unix seconds or a time ago (10m), not \"\(text)\"")
    }

    private static func wholeNumber(_ text: Substring) -> Int64? {
        guard !text.isEmpty, text.allSatisfy(\.isASCII), text.allSatisfy(\.isNumber) else { return nil }
        return Int64(text)
    }

    private static func waitForMore() -> Bool {
        usleep(pollIntervalMs * 1000)
        return true
    }
}
