import MemSense

/// A matcher's regular expression, compiled once at load (a `POSIXRegex`: POSIX extended
/// syntax, as earlyoom's `--prefer` and `--avoid`), kept with its source text for the reasons a
/// ranking gives.
public struct Pattern {
    public let source: String
    private let regex: POSIXRegex

    /// Compiles `source`; a bad or empty pattern is listed at `path` and gives nil.
    init?(_ source: String, at path: String, issues: inout [ConfigIssue]) {
        guard !source.isEmpty else {
            issues.append(ConfigIssue(path: path, "empty regex matches every process"))
            return nil
        }
        guard let regex = POSIXRegex(source, at: path, issues: &issues) else { return nil }
        self.source = source
        self.regex = regex
    }

    /// Whether the pattern occurs anywhere in `text` (a search, as grep does).
    func occurs(in text: String) -> Bool {
        regex.occurs(in: text)
    }
}
