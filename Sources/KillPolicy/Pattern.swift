import MemSense

/// A regular expression compiled once at load (Swift's standard-library `Regex`, no Foundation),
/// kept with its source text for the reasons a ranking gives.
///
/// Not `Sendable`: the standard library does not declare `Regex` so; a policy lives on the
/// daemon's single thread.
public struct Pattern {
    public let source: String
    private let regex: Regex<AnyRegexOutput>

    /// Compiles `source`; a bad or empty pattern is listed at `path` and gives nil.
    init?(_ source: String, at path: String, issues: inout [ConfigIssue]) {
        guard !source.isEmpty else {
            issues.append(ConfigIssue(path: path, "empty regex matches every process"))
            return nil
        }
        do {
            regex = try Regex(source)
        } catch {
            issues.append(ConfigIssue(path: path, "invalid regex \"\(source)\": \(error)"))
            return nil
        }
        self.source = source
    }

    /// Whether the pattern occurs anywhere in `text` (a search, as grep does).
    func occurs(in text: String) -> Bool {
        text.contains(regex)
    }
}
