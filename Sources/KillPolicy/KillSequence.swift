import MemSense

/// The kill itself, as pure orchestration over a `ProcessControl`: check the budget, re-check
/// memory, open a handle on the first candidate that is still itself, signal it (SIGTERM with
/// a grace only when the plan says so), release its memory after SIGKILL and wait for its exit.
/// Time and memory come from the caller's closures, so a test or a replay controls both.
public struct KillSequence {
    public let plan: KillPlan
    private let nowMs: () -> Int64
    private let readMemory: () -> MemoryCheck
    private let beforeSignal: ((Candidate, KillTarget) -> Void)?

    /// - Parameter beforeSignal: called once the victim's handle is open and before its first
    ///   signal (the daemon's `before_kill` hooks, whose head start it bounds itself).
    public init(
        plan: KillPlan, nowMs: @escaping () -> Int64, readMemory: @escaping () -> MemoryCheck,
        beforeSignal: ((Candidate, KillTarget) -> Void)? = nil
    ) {
        self.plan = plan
        self.nowMs = nowMs
        self.readMemory = readMemory
        self.beforeSignal = beforeSignal
    }

    public func run<Control: ProcessControl>(
        _ ranking: Ranking, control: inout Control, governor: inout KillGovernor
    ) -> KillOutcome {
        let startMs = nowMs()
        switch governor.permission(atMs: startMs) {
        case .allowed: break
        case .coolingDown(let untilMs): return .coolingDown(untilMs: untilMs)
        case .overBudget(let kills, let windowMs, let untilMs):
            return .overBudget(kills: kills, windowMs: windowMs, untilMs: untilMs)
        }
        var skipped: [SkippedCandidate] = []
        for candidate in ranking.candidates {
            let before = readMemory()
            if before.hasRecovered {
                return .recovered(availableBytes: before.availableBytes, skipped: skipped)
            }
            let process = candidate.process
            func skip(_ reason: SkippedCandidate.Reason) {
                skipped.append(SkippedCandidate(identity: process.identity, comm: process.comm, reason: reason))
            }
            let handle: Control.Handle
            do {
                switch try control.openHandle(process.identity) {
                case .opened(let opened): handle = opened
                case .vanished:
                    skip(.vanished)
                    continue
                case .reused:
                    skip(.identityChanged)
                    continue
                }
            } catch {
                skip(.failed(error))
                continue
            }
            defer { control.closeHandle(handle) }
            let (target, fallback) = KillTarget.resolve(plan.granularity, victim: process, excluded: ranking.excluded)
            beforeSignal?(candidate, target)
            let firstSignal: KillSignal = plan.sigtermGraceMs > 0 ? .terminate : .kill
            let signalMs = nowMs()
            var errors: [KillPolicyError] = []
            do {
                try deliver(firstSignal, to: handle, target: target, control: &control, errors: &errors)
            } catch {
                skip(.failed(error))
                continue
            }
            governor.recordKill(atMs: signalMs)
            var signals = [firstSignal]
            var hasExited = false
            var isMemoryReleased = false
            if firstSignal == .terminate {
                hasExited = wait(for: handle, timeoutMs: plan.sigtermGraceMs, control: &control, errors: &errors)
                if !hasExited {
                    do {
                        try deliver(.kill, to: handle, target: target, control: &control, errors: &errors)
                        signals.append(.kill)
                    } catch {
                        errors.append(error)
                    }
                }
            }
            // process_mrelease only after SIGKILL: a SIGTERM'd process may still be cleaning up.
            if signals.last == .kill {
                do {
                    try control.releaseMemory(handle)
                    isMemoryReleased = true
                } catch {
                    errors.append(error)
                }
                hasExited = wait(for: handle, timeoutMs: plan.exitWaitMs, control: &control, errors: &errors)
            }
            let endMs = nowMs()
            return .killed(
                KillReport(
                    victim: candidate, target: target, granularityFallback: fallback, signals: signals,
                    isMemoryReleased: isMemoryReleased, hasExited: hasExited, selectionToSignalMs: signalMs - startMs,
                    signalToExitMs: endMs - signalMs, availableBeforeBytes: before.availableBytes,
                    availableAfterBytes: readMemory().availableBytes, errors: errors, skipped: skipped))
        }
        return .noVictim(skipped: skipped)
    }

    /// Signals the victim through its handle (which cannot hit a reused PID), then its group or
    /// cgroup. Only a failure on the victim itself throws; the group's is listed.
    private func deliver<Control: ProcessControl>(
        _ signal: KillSignal, to handle: Control.Handle, target: KillTarget, control: inout Control,
        errors: inout [KillPolicyError]
    ) throws(KillPolicyError) {
        try control.send(signal, to: handle)
        do {
            switch target {
            case .process: break
            case .processGroup(let id): try control.send(signal, toProcessGroup: id)
            case .cgroup(let path): try control.send(signal, toCgroup: path)
            }
        } catch {
            errors.append(error)
        }
    }

    private func wait<Control: ProcessControl>(
        for handle: Control.Handle, timeoutMs: Int64, control: inout Control, errors: inout [KillPolicyError]
    ) -> Bool {
        do {
            return try control.waitForExit(handle, timeoutMs: timeoutMs)
        } catch {
            errors.append(error)
            return false
        }
    }
}
