import MemSense

/// Since when each (rule, process or cgroup) has been over its cap, and when it was last acted on:
/// pure, with the time passed in. The recycler reports every subject it measured in a pass; the
/// tracker answers whether the action is due, and forgets, at the end of the pass, the subjects of
/// the rules looked at that were not seen (a process that exited, a cgroup removed).
///
/// Only subjects over their cap or still cooling down are kept, so the set is as small as the
/// trouble. It is capped at `capacity` entries: past it a newly-over subject is not tracked (it
/// is counted in `untrackedCount`), while those already tracked keep their state; a cap of
/// 4096 entries is a few hundred KiB at most.
struct RecyclingTracker {
    /// What a rule is watching: one process (by identity, so a reused pid starts afresh) or a cgroup.
    enum Subject: Hashable {
        case process(ProcessIdentity)
        case cgroup(String)
    }

    private struct Key: Hashable {
        var rule: Int
        var subject: Subject
    }

    private struct State {
        /// Since when it has been over without a break; nil while under (cooling down only).
        var overSinceMs: Int64?
        var lastActedMs: Int64?
        var seenInPass: UInt64
    }

    static let defaultCapacity = 4096

    let capacity: Int
    private var states: [Key: State] = [:]
    private var pass: UInt64 = 0
    /// Over-cap subjects not tracked because the set was full, since the tracker was made.
    private(set) var untrackedCount = 0

    init(capacity: Int = defaultCapacity) {
        self.capacity = capacity
    }

    var trackedCount: Int { states.count }

    /// Records that `subject` of rule `rule` is (or is not) over its cap at `nowMs`. Returns since
    /// when it has been over when the action is due now: over for at least `overForMs`, and at
    /// least `cooldownMs` since the last action on it. Acting restarts both clocks.
    mutating func observe(
        rule: Int, subject: Subject, isOver: Bool, overForMs: Int64, cooldownMs: Int64, nowMs: Int64
    ) -> Int64? {
        let key = Key(rule: rule, subject: subject)
        guard var state = states[key] else {
            guard isOver else { return nil }
            guard states.count < capacity else {
                untrackedCount += 1
                return nil
            }
            states[key] = State(overSinceMs: nowMs, lastActedMs: nil, seenInPass: pass)
            return overForMs == 0 ? act(key, overSinceMs: nowMs, nowMs: nowMs) : nil
        }
        state.seenInPass = pass
        guard isOver else {
            state.overSinceMs = nil
            if let lastActedMs = state.lastActedMs, nowMs - lastActedMs < cooldownMs {
                states[key] = state
            } else {
                states[key] = nil
            }
            return nil
        }
        let overSinceMs = state.overSinceMs ?? nowMs
        state.overSinceMs = overSinceMs
        states[key] = state
        guard nowMs - overSinceMs >= overForMs else { return nil }
        if let lastActedMs = state.lastActedMs, nowMs - lastActedMs < cooldownMs { return nil }
        return act(key, overSinceMs: overSinceMs, nowMs: nowMs)
    }

    private mutating func act(_ key: Key, overSinceMs: Int64, nowMs: Int64) -> Int64 {
        states[key]?.lastActedMs = nowMs
        states[key]?.overSinceMs = nowMs
        return overSinceMs
    }

    /// Ends a pass over `rules`: their subjects not observed since the last pass are gone.
    mutating func finishPass(rules: Set<Int>) {
        let current = pass
        states = states.filter { !rules.contains($0.key.rule) || $0.value.seenInPass == current }
        pass &+= 1
    }

    /// Forgets everything (the rules changed).
    mutating func reset() {
        states.removeAll()
    }
}
