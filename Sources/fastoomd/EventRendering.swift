/// The human rendering of an event: one line, time first, then what happened and why.
/// It is a view of the same `Event` that `--json` passes through, never a second source.
enum EventRendering {
    static func line(_ event: Event) -> String {
        var parts = [WallClock.iso8601(event.wallMs), event.kind.rawValue]
        if let target = event.target { parts.append("target=\(target)") }
        if let pod = place(pod: event.targetPod, namespace: event.targetNamespace, container: event.targetContainer) {
            parts.append("pod=\(pod)")
        }
        if event.dryRun == true { parts.append("dry-run") }
        if let trigger = event.trigger {
            let percent = Double(trigger.availableBytes) / Double(max(trigger.totalBytes, 1)) * 100
            parts.append(
                "state=\(trigger.state) p=\(format(trigger.probability, digits: 2)) "
                    + "available=\(Bytes.readable(trigger.availableBytes)) (\(format(percent, digits: 1))%)")
        }
        if let victim = event.victim {
            parts.append(
                "victim=\(victim.pid) \(victim.comm) rss=\(Bytes.readable(victim.rssBytes)) "
                    + "freeable=\(Bytes.readable(victim.freeableBytes)) oom_score=\(victim.oomScore)")
            if let pod = place(pod: victim.pod, namespace: victim.namespace, container: victim.container) {
                parts.append("victim_pod=\(pod)")
            }
            if victim.cgroup != event.targetCgroup { parts.append("victim_cgroup=\(victim.cgroup)") }
        }
        if let process = event.process { parts.append("process=\(process.pid) \(process.comm)") }
        if let old = event.oldOOMScoreAdj, let new = event.newOOMScoreAdj {
            parts.append("oom_score_adj=\(old)->\(new)")
        }
        if let signal = event.signal { parts.append("signal=\(signal)") }
        if let recycling = event.recycling { parts.append(recycling.text) }
        if let exitMs = event.exitMs { parts.append("exit_ms=\(exitMs)") }
        if let freed = event.freedBytes { parts.append("freed=\(Bytes.readable(UInt64(max(freed, 0))))") }
        if let message = event.message { parts.append(message) }
        if let reasons = event.trigger?.reasons, !reasons.isEmpty {
            parts.append("why: " + reasons.joined(separator: "; "))
        }
        if let errors = event.errors, !errors.isEmpty { parts.append("errors: " + errors.joined(separator: "; ")) }
        return parts.joined(separator: " ")
    }

    /// `namespace/pod/container`, the way `kubectl` people name them; nil outside a pod.
    private static func place(pod: String?, namespace: String?, container: String?) -> String? {
        guard let pod else { return nil }
        return ([namespace, pod, container].compactMap { $0 }).joined(separator: "/")
    }

    /// A number with a fixed count of decimals, without Foundation's formatters.
    static func format(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return String(value) }
        var scale = 1.0
        for _ in 0..<digits { scale *= 10 }
        let scaled = (abs(value) * scale).rounded()
        let whole = Int64(scaled / scale)
        let fraction = Int64(scaled) - whole * Int64(scale)
        var text = (value < 0 && scaled != 0 ? "-" : "") + String(whole)
        if digits > 0 {
            let fractionText = String(fraction)
            text += "." + String(repeating: "0", count: digits - fractionText.count) + fractionText
        }
        return text
    }
}

/// Byte counts for people: binary units, one decimal.
enum Bytes {
    static func readable(_ bytes: UInt64) -> String {
        let units = ["B", "KiB", "MiB", "GiB", "TiB"]
        var value = Double(bytes)
        var unit = 0
        while value >= 1024, unit < units.count - 1 {
            value /= 1024
            unit += 1
        }
        return unit == 0 ? "\(bytes) B" : EventRendering.format(value, digits: 1) + " " + units[unit]
    }
}
