import KillPolicy
import MemSense

/// One hook as written: an executable run directly (never through a shell) with the event as one
/// JSON line on its stdin.
///
///     {"path": "/usr/local/sbin/oom-dump", "args": ["--quick"], "timeout_ms": 5000, "head_start_ms": 200}
struct HookConfig: Decodable, Equatable, Sendable {
    var path: String
    /// argv[1...]; argv[0] is `path`.
    var args: [String] = []
    /// The hook is killed (with its process group) once it has run this long.
    var timeoutMs: Int64 = defaultTimeoutMs
    /// `before_kill` only: how long the kill waits for the hook to finish before it goes ahead.
    var headStartMs: Int64?
    var comment: String?
    public private(set) var decodingIssues: [ConfigIssue] = []

    static let defaultTimeoutMs: Int64 = 5_000
    static let timeoutRangeMs: ClosedRange<Int64> = 1...600_000
    static let defaultHeadStartMs: Int64 = 100
    /// Near OOM every millisecond counts: the kill never waits longer than this for a hook.
    static let headStartRangeMs: ClosedRange<Int64> = 0...1_000

    enum CodingKeys: String, CodingKey, CaseIterable {
        case path, args, comment
        case timeoutMs = "timeout_ms"
        case headStartMs = "head_start_ms"
    }

    init(path: String, args: [String] = [], timeoutMs: Int64 = defaultTimeoutMs, headStartMs: Int64? = nil) {
        self.path = path
        self.args = args
        self.timeoutMs = timeoutMs
        self.headStartMs = headStartMs
    }

    init(from decoder: any Decoder) {
        var object = LenientObject<CodingKeys>(decoder)
        path = object.required(.path, default: "", hint: "the hook's absolute path")
        args = object.value(.args, default: [])
        timeoutMs = object.value(.timeoutMs, default: Self.defaultTimeoutMs)
        headStartMs = object.optional(.headStartMs)
        comment = object.optional(.comment)
        decodingIssues = object.issues
    }

    /// The head start a `before_kill` hook gets.
    var effectiveHeadStartMs: Int64 { headStartMs ?? Self.defaultHeadStartMs }

    func issues(at path: String, kind: HookKind) -> [ConfigIssue] {
        var issues = decodingIssues
        if !self.path.isEmpty && !self.path.hasPrefix("/") {
            issues.append(ConfigIssue(path: path + ".path", "\"\(self.path)\" is not an absolute path"))
        }
        if !Self.timeoutRangeMs.contains(timeoutMs) {
            issues.append(ConfigIssue(path: path + ".timeout_ms", "\(timeoutMs) must be in 1...600000"))
        }
        if let headStartMs {
            if kind != .beforeKill {
                issues.append(ConfigIssue(path: path + ".head_start_ms", "only before_kill hooks have a head start"))
            } else if !Self.headStartRangeMs.contains(headStartMs) || headStartMs > timeoutMs {
                issues.append(
                    ConfigIssue(path: path + ".head_start_ms", "\(headStartMs) must be in 0...1000 and <= timeout_ms"))
            }
        }
        return issues
    }
}
