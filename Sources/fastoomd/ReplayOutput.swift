import Predictor

/// How `fastoomd replay` prints: JSON lines (FORMAT.md) or a table for people, both from the
/// same `Replay.Change` and `Replay.Summary`.
enum ReplayOutput {
    /// `{"action":"kill","probability":0.9123,"reasons":["exhaustion=0.0311 (+6.52)"],"state":"near_oom","t_ms":8750}`
    struct ChangeLine: Encodable {
        var tMs: Int64
        var state: AssessmentState
        var probability: Double
        var action: Replay.Action
        var reasons: [String]

        init(_ change: Replay.Change) {
            tMs = change.tMs
            state = change.state
            probability = (change.probability * 10_000).rounded() / 10_000
            action = change.action
            reasons = change.reasons.map(ReplayOutput.text(of:))
        }
    }

    /// `{"actions":1,"first_action_ms":8750,"samples":299,"summary":true}`; `first_action_ms` is
    /// null when the daemon would never have acted.
    struct SummaryLine: Encodable {
        var summary = true
        var firstActionMs: Int64?
        var actions: Int
        var samples: Int

        init(_ summary: Replay.Summary) {
            firstActionMs = summary.firstActionMs
            actions = summary.actions
            samples = summary.samples
        }

        enum CodingKeys: String, CodingKey {
            case summary, firstActionMs, actions, samples
        }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(summary, forKey: .summary)
            try container.encode(firstActionMs, forKey: .firstActionMs)
            try container.encode(actions, forKey: .actions)
            try container.encode(samples, forKey: .samples)
        }
    }

    /// `exhaustion=0.0311 (+6.52)`: the feature, its value and what it added to the logit.
    static func text(of reason: Reason) -> String {
        "\(reason.feature.rawValue)=\(EventRendering.format(reason.value, digits: 4)) "
            + "(+\(EventRendering.format(reason.contribution, digits: 2)))"
    }

    static let tableHeader = "    t_ms  state     p       action  reasons"

    static func tableRow(_ change: Replay.Change) -> String {
        let row =
            padded(String(change.tMs), 8, right: true) + "  " + padded(change.state.rawValue, 8) + "  "
            + EventRendering.format(change.probability, digits: 4) + "  " + change.action.rawValue
        guard !change.reasons.isEmpty else { return row }
        return padded(row, 40) + change.reasons.map(text(of:)).joined(separator: "; ")
    }

    /// The summary, and each label's lead: how long before the kernel's kill or the first stall
    /// the daemon would have acted.
    static func summaryText(of replay: Replay) -> String {
        let summary = replay.summary
        var lines = [
            "\(summary.samples) samples, \(summary.actions) action(s)"
                + (summary.firstActionMs.map { ", first at \($0) ms" } ?? "")
        ]
        for (kind, name) in [("kernel_oom_kill", "kernel OOM kill"), ("stall", "first stall")] {
            guard let eventMs = replay.firstLabelMs(kind) else { continue }
            let lead = summary.firstActionMs.map { "lead \(eventMs - $0) ms" } ?? "no action before it"
            lines.append("\(name) at \(eventMs) ms: \(lead)")
        }
        if replay.header.isBenign { lines.append("benign trace: every action is a false alarm") }
        return lines.joined(separator: "\n")
    }

    private static func padded(_ text: String, _ width: Int, right: Bool = false) -> String {
        let padding = String(repeating: " ", count: max(0, width - text.count))
        return right ? padding + text : text + padding
    }
}
