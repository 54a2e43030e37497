import KillPolicy
import LinuxSys
import MemSense

/// Applies the `oom_score_adj` rules on their schedule: every `period_ms` the daemon hands it a
/// fresh process table, and it writes the wanted value into each matching process whose value
/// differs. A process started since the last scan is set at the next one, so a new process runs
/// with the value it inherited for at most one period (plus a tick).
///
/// A write that fails is reported once per process (by identity, so a reused pid is a new
/// process), not on every scan: lowering a value without CAP_SYS_RESOURCE fails the same way
/// each minute and one event says all there is to say.
///
/// A dry run writes nothing: each change it would make is reported once per process, since it
/// would otherwise be the same list every period.
final class OOMScoreAdjApplier {
    /// What one scan did.
    struct Pass: Equatable {
        /// The values written (in a dry run: that would be written, not reported before).
        var applied: [OOMScoreAdjChange] = []
        /// Failures not reported before, as `pid 123 (sshd): reason`.
        var failures: [String] = []
    }

    let rules: OOMScoreAdjRules
    let isDryRun: Bool
    private let procRoot: String
    /// When the next scan is due; nil before the first.
    private(set) var nextDueMs: Int64?
    /// Processes whose failure (in a dry run: whose would-be change) was reported.
    private var reported: Set<ProcessIdentity> = []

    /// - Parameter procRoot: where `<pid>/oom_score_adj` is written.
    init(rules: OOMScoreAdjRules, procRoot: String = "/proc", isDryRun: Bool = false) {
        self.rules = rules
        self.procRoot = procRoot
        self.isDryRun = isDryRun
    }

    /// Whether a scan is due at `nowMs`: at once when there are rules and none was made yet.
    func isDue(atMs nowMs: Int64) -> Bool {
        guard !rules.rules.isEmpty else { return false }
        return nextDueMs.map { nowMs >= $0 } ?? true
    }

    /// Schedules the next scan without making this one (the process table could not be read).
    func postpone(atMs nowMs: Int64) {
        nextDueMs = nowMs + rules.periodMs
    }

    /// Sets every process of `table` that a rule wants changed, and schedules the next scan.
    func apply(to table: [ProcessSnapshot], ownPID: Int32, nowMs: Int64) -> Pass {
        nextDueMs = nowMs + rules.periodMs
        var pass = Pass()
        for change in rules.changes(in: table, ownPID: ownPID) {
            if isDryRun {
                if reported.insert(change.process).inserted { pass.applied.append(change) }
                continue
            }
            do {
                try setOOMScoreAdj(Int(change.wantedAdj), pid: change.process.pid, procRoot: procRoot)
                pass.applied.append(change)
            } catch  where error.isGone {
                continue
            } catch {
                guard reported.insert(change.process).inserted else { continue }
                pass.failures.append("pid \(change.process.pid) (\(change.comm)) \(change.rule): \(error)")
            }
        }
        // Forget processes that are gone, so the set stays as small as the table.
        let alive = Set(table.map(\.identity))
        reported.formIntersection(alive)
        return pass
    }
}
