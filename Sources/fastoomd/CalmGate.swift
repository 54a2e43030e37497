import MemSense

/// Decides whether a tick may skip sampling and assessing: while every target was ok at the
/// last full tick, less than `maxSkipMs` ago, and since then no task has stalled on memory and
/// no target has lost more than `1 / slackShare` of its memory, a full tick would weigh nothing
/// new. A calm tick reads the node's glance and each group's usage, and nothing else.
///
/// Every reclaim shows as a stall, on any cgroup of the node, so the counters left unread
/// (scans, steals, refaults, allocation stalls, OOM kills) cannot have moved; memory taken
/// without reclaim shows in the node's free memory or the group's usage. The loss is counted
/// from the last full tick, not from the previous calm one, so a slow ramp adds up and is
/// assessed once it passes the slack. Memory given back and taken again (a deleted file's
/// cache, then a program's heap) lowers MemAvailable and leaves free memory where it was; that is
/// safe to leave to the next full tick, because free memory is still where an ok tick saw it and
/// the first page the kernel must reclaim beyond it is a stall.
struct CalmGate {
    /// The longest the last full tick stands for the present: the predictor's averages and the
    /// metrics are never older than this. A full tick costs about 140 µs of CPU more than a calm
    /// one (measured at idle against 10 s: 12 µs a second less, docs/BENCHMARKS.md); the averages
    /// are time-weighted, so a longer gap between samples weighs in as such.
    static var maxSkipMs: Int64 { 60_000 }
    /// A target may lose `1 / slackShare` of its memory (the node's total, a group's limit)
    /// unassessed: 96 MiB of 24 GiB, 1 MiB of a 256 MiB group.
    static var slackShare: UInt64 { 256 }

    /// What a group looked like at the last full tick.
    struct GroupBaseline {
        var usageBytes: UInt64
        /// The group's limit, or the node's memory when it has none.
        var totalBytes: UInt64

        /// Whether `usageBytes` has grown past the slack since.
        func isExceeded(byUsage usageBytes: UInt64) -> Bool {
            usageBytes > self.usageBytes && usageBytes - self.usageBytes > totalBytes / CalmGate.slackShare
        }
    }

    /// The last full tick that found every target ok: when, the node's glance, and the wait it
    /// chose. Nil: the next tick is full.
    private var baseline: (tMs: Int64, node: NodeGlance, intervalMs: Int64)?

    /// A full tick at `tMs` chose `intervalMs`; `node` is nil unless every target was ok and
    /// the node has a glance, and then the next ticks may be calm.
    mutating func recordFullTick(at tMs: Int64, node: NodeGlance?, intervalMs: Int64) {
        baseline = node.map { (tMs, $0, intervalMs) }
    }

    /// Whether a tick at `tMs` may be calm at all, before anything is read: the last full tick
    /// found every target ok, less than `maxSkipMs` ago. While it did not, every tick is full
    /// and reads nothing for the gate.
    func mayBeCalm(at tMs: Int64) -> Bool {
        guard let baseline else { return false }
        return tMs >= baseline.tMs && tMs - baseline.tMs < Self.maxSkipMs
    }

    /// The wait after a tick that saw `node`, if it may stay calm; nil: it must be full.
    /// The caller checks each group against its `GroupBaseline` besides.
    func calmIntervalMs(at tMs: Int64, node: NodeGlance) -> Int64? {
        guard mayBeCalm(at: tMs), let baseline, node.memoryStallUs == baseline.node.memoryStallUs else { return nil }
        let free = baseline.node.freeBytes
        let isWithinSlack =
            node.freeBytes >= free || free - node.freeBytes <= baseline.node.totalBytes / Self.slackShare
        return isWithinSlack ? baseline.intervalMs : nil
    }
}
