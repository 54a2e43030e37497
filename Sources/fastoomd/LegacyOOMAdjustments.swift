import KillPolicy
import MemSense

/// The configuration of the classic cron script that sets oom_adj by process name every minute,
/// turned into `oom_score_adj` rules. One `name value` pair a line; `#` starts a comment:
///
///     # name   oom_adj
///     sshd     -17
///     apache2  5
enum LegacyOOMAdjustments {
    /// Which scale the values are written in.
    enum Scale: String, CaseIterable {
        /// /proc/PID/oom_adj, -17 (disable) and -16...15, of kernels before 2.6.36.
        case oomAdj = "oom_adj"
        /// /proc/PID/oom_score_adj, -1000...1000.
        case oomScoreAdj = "oom_score_adj"

        var range: ClosedRange<Int64> {
            switch self {
            case .oomAdj: -17...15
            case .oomScoreAdj: -1000...1000
            }
        }

        /// The oom_score_adj of `value`, as the kernel itself converts a write to oom_adj
        /// (fs/proc/base.c, `oom_adj_write`): 15 is 1000, anything else `value * 1000 / 17`
        /// truncated, so -17 is -1000 and 5 is 294.
        func oomScoreAdj(_ value: Int64) -> Int {
            switch self {
            case .oomScoreAdj: Int(value)
            case .oomAdj: value == 15 ? 1000 : Int(value * 1000 / 17)
            }
        }
    }

    /// The rules of `bytes`, in file order, each commented with where it came from; `file` only
    /// names the file in comments. Throws the first bad line (the caller names the file).
    static func rules(parsing bytes: UnsafeBufferPointer<UInt8>, file: String, scale: Scale)
        throws(ParseError) -> [OOMScoreAdjRuleConfig]
    {
        var rules: [OOMScoreAdjRuleConfig] = []
        var scanner = ByteScanner(bytes)
        while var line = scanner.nextLine() {
            let number = scanner.lineNumber
            guard let nameField = line.nextField(), nameField.first != UInt8(ascii: "#") else { continue }
            let name = String(decoding: nameField, as: UTF8.self)
            guard let valueField = line.nextField() else {
                throw ParseError(line: number, "\"\(name)\" has no value; expected \"name value\"")
            }
            let valueText = String(decoding: valueField, as: UTF8.self)
            guard let value = KernelNumber.int64(valueField), scale.range.contains(value) else {
                throw ParseError(
                    line: number,
                    "\"\(valueText)\" is not an \(scale.rawValue) value "
                        + "(\(scale.range.lowerBound)...\(scale.range.upperBound))")
            }
            if let extra = line.nextField(), extra.first != UInt8(ascii: "#") {
                throw ParseError(
                    line: number, "unexpected \"\(String(decoding: extra, as: UTF8.self))\" after the value")
            }
            guard name.utf8.count <= 15 else {
                throw ParseError(
                    line: number,
                    "\"\(name)\" is longer than the 15 bytes the kernel keeps of a process name; "
                        + "write a cmdline_regex rule for it by hand")
            }
            rules.append(
                OOMScoreAdjRuleConfig(
                    match: MatchRuleConfig(comm: name), adj: scale.oomScoreAdj(value),
                    comment: "\(file) line \(number): \(name) \(valueText) (\(scale.rawValue))"))
        }
        return rules
    }
}
