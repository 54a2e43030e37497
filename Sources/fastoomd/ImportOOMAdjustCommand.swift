import KillPolicy
import MemSense

/// `fastoomd import-oom-adjust FILE`: prints the `oom_score_adj` section equivalent to the
/// configuration of a cron script that sets oom_adj by process name, to paste into the
/// configuration file.
enum ImportOOMAdjustCommand {
    static let help = """
        usage: fastoomd import-oom-adjust FILE [--scale oom_adj|oom_score_adj]

          FILE       "name value" lines, as the cron script reads them (# starts a comment)
          --scale    how the values are written: oom_adj (default; -17...15, converted as the
                     kernel does: -17 is -1000, 15 is 1000, else value*1000/17) or oom_score_adj

        Prints {"oom_score_adj": {...}} with one rule per name (comm, exact) in file order.
        exit status: 0 done; 1 a bad line (named FILE:LINE); 3 FILE unreadable; 2 a wrong command line
        """

    /// A script's configuration is a few lines; anything past this is not one.
    static let limitBytes = 1 << 20

    static func run(_ words: [String]) throws(UsageError) -> ExitStatus {
        let arguments = try CommandLineArguments(words, options: ["scale"], switches: ["help"])
        if arguments.has("help") {
            Output.line(help)
            return .success
        }
        guard arguments.positional.count == 1, let file = arguments.positional.first else {
            throw UsageError("import-oom-adjust takes one FILE")
        }
        let scaleName = arguments.value("scale") ?? LegacyOOMAdjustments.Scale.oomAdj.rawValue
        guard let scale = LegacyOOMAdjustments.Scale(rawValue: scaleName) else {
            throw UsageError("--scale takes oom_adj or oom_score_adj, not \"\(scaleName)\"")
        }
        let bytes: [UInt8]
        do {
            bytes = try PlainFile.contents(of: file, limitBytes: limitBytes)
        } catch {
            Output.error("fastoomd import-oom-adjust: \(error.description)")
            return .startup
        }
        let rules: [OOMScoreAdjRuleConfig]
        do {
            rules = try bytes.withUnsafeBufferPointer { buffer throws(ParseError) in
                try LegacyOOMAdjustments.rules(parsing: buffer, file: file, scale: scale)
            }
        } catch {
            Output.error("\(file):\(error.line): \(error.reason)")
            return .failure
        }
        Output.line(text(of: rules))
        return .success
    }

    /// The section as indented JSON with sorted keys.
    static func text(of rules: [OOMScoreAdjRuleConfig]) -> String {
        let section = ["oom_score_adj": OOMScoreAdjConfig(rules: rules)]
        do {
            return String(decoding: try JSON.encode(section, indented: true), as: UTF8.self)
        } catch {
            return #"{"error":"unencodable rules"}"#
        }
    }
}
