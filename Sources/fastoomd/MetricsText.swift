import Predictor

/// The Prometheus text exposition format (version 0.0.4) of `Metrics`, for node_exporter's
/// textfile collector:
///
///     # HELP fastoomd_available_bytes Memory the target can still use ...
///     # TYPE fastoomd_available_bytes gauge
///     fastoomd_available_bytes{target="node"} 1073741824
///
/// It renders into a buffer the caller keeps, without allocating once the buffer has grown to
/// size: names and help texts are static strings, labels were escaped when the target was added,
/// and numbers are written digit by digit at a fixed display precision (probability 4 decimals,
/// time to exhaustion 0.1 s, timestamps 1 ms, bytes exact). Rendering every tick is cheaper than
/// deciding which value moved; `MetricsFile` compares the bytes and writes only a changed text.
enum MetricsText {
    static func render(_ metrics: Metrics, into buffer: inout [UInt8]) {
        buffer.removeAll(keepingCapacity: true)
        var out = Writer()
        swap(&out.buffer, &buffer)
        defer { swap(&out.buffer, &buffer) }

        out.family(
            "fastoomd_available_bytes", "gauge",
            "Memory the target can still use: MemAvailable for the node, limit minus usage for a cgroup.")
        for target in metrics.targets {
            out.sample("fastoomd_available_bytes", target.label)
            out.integer(target.availableBytes)
        }
        out.family(
            "fastoomd_near_oom_probability", "gauge",
            "Probability in 0..1 that the target is heading into the near-OOM livelock.")
        for target in metrics.targets {
            out.sample("fastoomd_near_oom_probability", target.label)
            out.fixed(target.probability, decimals: 4)
        }
        out.family(
            "fastoomd_state", "gauge",
            "1 for the target's current state (ok, warn, near_oom, critical), 0 for the others.")
        for target in metrics.targets {
            for state in AssessmentState.allCases {
                out.sample("fastoomd_state", target.label, state: state)
                out.integer(state == target.state ? 1 : 0)
            }
        }
        out.family(
            "fastoomd_time_to_exhaustion_seconds", "gauge",
            "Seconds until available memory runs out at the sustained fill rate; +Inf while it is not filling.")
        for target in metrics.targets {
            out.sample("fastoomd_time_to_exhaustion_seconds", target.label)
            out.fixed(target.timeToExhaustionSeconds, decimals: 1)
        }
        out.family(
            "fastoomd_kills_total", "counter", "Processes killed in the target, by the state that triggered the kill.")
        for kill in metrics.kills {
            out.sample("fastoomd_kills_total", metrics.targets[kill.target].label, reason: kill.reason)
            out.integer(kill.count)
        }
        out.family(
            "fastoomd_last_kill_timestamp_seconds", "gauge", "Unix time of the last kill in the target.")
        for target in metrics.targets {
            guard let wallMs = target.lastKillWallMs else { continue }
            out.sample("fastoomd_last_kill_timestamp_seconds", target.label)
            out.fixed(Double(wallMs) / 1000, decimals: 3)
        }
    }

    /// A label value as the format wants it: backslash, double quote and newline escaped.
    static func escapedLabelValue(_ text: String) -> [UInt8] {
        var escaped: [UInt8] = []
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\\"): escaped += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "\""): escaped += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\n"): escaped += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            default: escaped.append(byte)
            }
        }
        return escaped
    }

    /// Appends to the rendering buffer; every line it starts it ends with a newline.
    private struct Writer {
        var buffer: [UInt8] = []

        mutating func family(_ name: StaticString, _ type: StaticString, _ help: StaticString) {
            text("# HELP ")
            text(name)
            text(" ")
            text(help)
            text("\n# TYPE ")
            text(name)
            text(" ")
            text(type)
            text("\n")
        }

        /// `name{target="...",...} `: the start of a sample line, up to its value.
        mutating func sample(
            _ name: StaticString, _ target: [UInt8], state: AssessmentState? = nil, reason: [UInt8]? = nil
        ) {
            text(name)
            text("{target=\"")
            buffer.append(contentsOf: target)
            if let state {
                text("\",state=\"")
                text(Self.name(of: state))
            }
            if let reason {
                text("\",reason=\"")
                buffer.append(contentsOf: reason)
            }
            text("\"} ")
        }

        mutating func integer(_ value: UInt64) {
            digits(value)
            text("\n")
        }

        /// `value` with `decimals` digits after the point, or NaN, +Inf, -Inf. A value too large
        /// for the digit loop (never one fastoomd measures) is written by the standard library.
        mutating func fixed(_ value: Double, decimals: Int) {
            guard value.isFinite else {
                text(value.isNaN ? "NaN\n" : value > 0 ? "+Inf\n" : "-Inf\n")
                return
            }
            var divisor: UInt64 = 1
            for _ in 0..<decimals { divisor *= 10 }
            let scaled = (abs(value) * Double(divisor)).rounded()
            guard scaled < 1e18 else {
                buffer.append(contentsOf: String(value).utf8)
                text("\n")
                return
            }
            let units = UInt64(scaled)
            if value < 0 && units > 0 { buffer.append(UInt8(ascii: "-")) }
            digits(units / divisor)
            if decimals > 0 {
                buffer.append(UInt8(ascii: "."))
                var fraction = units % divisor
                var place = divisor / 10
                while place > 0 {
                    buffer.append(UInt8(ascii: "0") + UInt8(fraction / place))
                    fraction %= place
                    place /= 10
                }
            }
            text("\n")
        }

        /// The decimal digits of `value`, most significant first.
        private mutating func digits(_ value: UInt64) {
            var place: UInt64 = 1
            while value / place >= 10 { place *= 10 }
            var remaining = value
            while place > 0 {
                buffer.append(UInt8(ascii: "0") + UInt8(remaining / place))
                remaining %= place
                place /= 10
            }
        }

        private mutating func text(_ string: StaticString) {
            buffer.append(contentsOf: UnsafeBufferPointer(start: string.utf8Start, count: string.utf8CodeUnitCount))
        }

        private static func name(of state: AssessmentState) -> StaticString {
            switch state {
            case .ok: "ok"
            case .warn: "warn"
            case .nearOOM: "near_oom"
            case .critical: "critical"
            }
        }
    }
}
