/// The words of a command line after the subcommand, taken apart once: `--flag value` options
/// (repeatable), `--switch` flags, positional words, and everything after `--` kept verbatim.
///
/// Each command says which options and switches it knows; anything else is a usage error that
/// names the word, so a typo never silently falls back to a default.
struct CommandLineArguments {
    private(set) var options: [String: [String]] = [:]
    private(set) var switches: Set<String> = []
    private(set) var positional: [String] = []
    private(set) var afterDashes: [String] = []

    init(_ words: [String], options knownOptions: Set<String>, switches knownSwitches: Set<String>) throws(UsageError) {
        var index = 0
        while index < words.count {
            let word = words[index]
            index += 1
            if word == "--" {
                afterDashes = Array(words[index...])
                return
            }
            guard word.hasPrefix("--"), word.count > 2 else {
                positional.append(word)
                continue
            }
            var name = String(word.dropFirst(2))
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            if knownSwitches.contains(name), inlineValue == nil {
                switches.insert(name)
            } else if knownOptions.contains(name) {
                guard let value = inlineValue ?? (index < words.count ? words[index] : nil) else {
                    throw UsageError("option --\(name) needs a value")
                }
                if inlineValue == nil { index += 1 }
                options[name, default: []].append(value)
            } else {
                throw UsageError("unknown option --\(name)")
            }
        }
    }

    func has(_ name: String) -> Bool { switches.contains(name) }

    /// The last value given for an option (a later one overrides an earlier one).
    func value(_ name: String) -> String? { options[name]?.last }

    func values(_ name: String) -> [String] { options[name] ?? [] }

    /// An option's value as a whole number within `range`, or nil when absent.
    func integer(_ name: String, in range: ClosedRange<Int>) throws(UsageError) -> Int? {
        guard let text = value(name) else { return nil }
        guard let number = Int(text), range.contains(number) else {
            throw UsageError(
                "--\(name) takes a whole number from \(range.lowerBound) to \(range.upperBound), not \"\(text)\"")
        }
        return number
    }
}

/// A command line that cannot be carried out as written; exits with status 2.
struct UsageError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
