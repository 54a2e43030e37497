import MemSense
import Testing

@testable import fastoomd

@Suite struct RecyclingTrackerTests {
    private let worker = RecyclingTracker.Subject.process(ProcessIdentity(pid: 100, startTimeTicks: 5))

    private func observe(
        _ tracker: inout RecyclingTracker, _ subject: RecyclingTracker.Subject, isOver: Bool, atMs nowMs: Int64,
        rule: Int = 0
    ) -> Int64? {
        tracker.observe(rule: rule, subject: subject, isOver: isOver, overForMs: 500, cooldownMs: 2_000, nowMs: nowMs)
    }

    @Test func overForLessThanOverForMsDoesNothing() {
        var tracker = RecyclingTracker()
        #expect(observe(&tracker, worker, isOver: true, atMs: 1_000) == nil)
        #expect(observe(&tracker, worker, isOver: true, atMs: 1_499) == nil)
        #expect(tracker.trackedCount == 1)
    }

    @Test func overForLongerGivesOneActionSinceWhenItWasOver() {
        var tracker = RecyclingTracker()
        #expect(observe(&tracker, worker, isOver: true, atMs: 1_000) == nil)
        #expect(observe(&tracker, worker, isOver: true, atMs: 1_600) == 1_000)
        #expect(observe(&tracker, worker, isOver: true, atMs: 1_700) == nil)
    }

    @Test func dippingUnderTheCapStartsTheWaitAgain() {
        var tracker = RecyclingTracker()
        #expect(observe(&tracker, worker, isOver: true, atMs: 1_000) == nil)
        #expect(observe(&tracker, worker, isOver: false, atMs: 1_400) == nil)
        #expect(tracker.trackedCount == 0)
        #expect(observe(&tracker, worker, isOver: true, atMs: 1_600) == nil)
        #expect(observe(&tracker, worker, isOver: true, atMs: 2_000) == nil)
        #expect(observe(&tracker, worker, isOver: true, atMs: 2_100) == 1_600)
    }

    @Test func theCoolDownHoldsTheNextActionEvenWhileOver() {
        var tracker = RecyclingTracker()
        _ = observe(&tracker, worker, isOver: true, atMs: 0)
        #expect(observe(&tracker, worker, isOver: true, atMs: 500) == 0)
        #expect(observe(&tracker, worker, isOver: true, atMs: 1_500) == nil)
        #expect(observe(&tracker, worker, isOver: true, atMs: 2_499) == nil)
        #expect(observe(&tracker, worker, isOver: true, atMs: 2_500) == 500)
    }

    @Test func theCoolDownIsKeptWhileUnderAndThenDropped() {
        var tracker = RecyclingTracker()
        _ = observe(&tracker, worker, isOver: true, atMs: 0)
        #expect(observe(&tracker, worker, isOver: true, atMs: 500) == 0)
        #expect(observe(&tracker, worker, isOver: false, atMs: 600) == nil)
        #expect(tracker.trackedCount == 1)
        #expect(observe(&tracker, worker, isOver: true, atMs: 700) == nil)
        #expect(observe(&tracker, worker, isOver: true, atMs: 1_300) == nil)
        #expect(observe(&tracker, worker, isOver: false, atMs: 2_600) == nil)
        #expect(tracker.trackedCount == 0)
    }

    @Test func aVanishedProcessIsForgottenAtTheEndOfItsRulesPass() {
        var tracker = RecyclingTracker()
        let other = RecyclingTracker.Subject.process(ProcessIdentity(pid: 101, startTimeTicks: 9))
        let group = RecyclingTracker.Subject.cgroup("/batch")
        _ = observe(&tracker, worker, isOver: true, atMs: 0)
        _ = observe(&tracker, other, isOver: true, atMs: 0)
        _ = observe(&tracker, group, isOver: true, atMs: 0, rule: 1)
        tracker.finishPass(rules: [0, 1])
        #expect(tracker.trackedCount == 3)
        _ = observe(&tracker, other, isOver: true, atMs: 100)
        tracker.finishPass(rules: [0])
        // The worker exited; the group's rule was not looked at in this pass, so it stays.
        #expect(tracker.trackedCount == 2)
        #expect(observe(&tracker, worker, isOver: true, atMs: 600) == nil)
    }

    @Test func aReusedPidIsAnotherProcess() {
        var tracker = RecyclingTracker()
        _ = observe(&tracker, worker, isOver: true, atMs: 0)
        let newcomer = RecyclingTracker.Subject.process(ProcessIdentity(pid: 100, startTimeTicks: 77))
        #expect(observe(&tracker, newcomer, isOver: true, atMs: 600) == nil)
        #expect(observe(&tracker, newcomer, isOver: true, atMs: 1_100) == 600)
    }

    @Test func pastItsCapacityNewSubjectsAreCountedNotTracked() {
        var tracker = RecyclingTracker(capacity: 2)
        for pid in Int32(1)...3 {
            _ = observe(&tracker, .process(ProcessIdentity(pid: pid, startTimeTicks: 1)), isOver: true, atMs: 0)
        }
        #expect(tracker.trackedCount == 2)
        #expect(tracker.untrackedCount == 1)
        #expect(observe(&tracker, .process(ProcessIdentity(pid: 1, startTimeTicks: 1)), isOver: true, atMs: 500) == 0)
    }

    @Test func withNoWaitTheFirstOverObservationActs() {
        var tracker = RecyclingTracker()
        #expect(tracker.observe(rule: 0, subject: worker, isOver: true, overForMs: 0, cooldownMs: 0, nowMs: 42) == 42)
    }
}
