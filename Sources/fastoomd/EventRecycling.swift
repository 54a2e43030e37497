extension Event {
    /// What a `recycled` event is about: the rule, the measured value against its cap, how long it
    /// had been over, and the hook run (the signal is the event's `signal`, the process its `victim`).
    struct Recycling: Codable, Equatable, Sendable {
        /// `recycling.rules[0]`.
        var rule: String
        /// The cgroup of a cgroup rule.
        var cgroup: String?
        /// The cap; nil for a v2 group whose memory.high is `max` by the time it is read.
        var capBytes: UInt64?
        var valueBytes: UInt64?
        /// How long it had been over when the action was taken.
        var overForMs: Int64
        var hook: String?
        /// For a cgroup rule with a signal: how many of its processes were signalled.
        var signalledCount: Int?

        enum CodingKeys: String, CodingKey {
            case rule, cgroup, hook
            case capBytes = "cap_bytes"
            case valueBytes = "value_bytes"
            case overForMs = "over_for_ms"
            case signalledCount = "signalled_count"
        }

        /// `rule=recycling.rules[0] value=70.1 MiB cap=32.0 MiB over_for_ms=612`.
        var text: String {
            var parts = ["rule=\(rule)"]
            if let valueBytes { parts.append("value=\(Bytes.readable(valueBytes))") }
            if let capBytes { parts.append("cap=\(Bytes.readable(capBytes))") }
            parts.append("over_for_ms=\(overForMs)")
            if let hook { parts.append("hook=\(hook)") }
            if let signalledCount { parts.append("signalled=\(signalledCount)") }
            return parts.joined(separator: " ")
        }
    }
}
