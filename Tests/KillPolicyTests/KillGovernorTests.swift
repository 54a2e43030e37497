import KillPolicy
import Testing

@Suite struct KillGovernorTests {
    @Test func theBudgetStopsTheFourthKillInAWindowOfThree() {
        var governor = KillGovernor(settings: GovernorSettings(cooldownMs: 0, maxKills: 3, windowMs: 1_000))
        for timeMs: Int64 in [0, 10, 20] {
            #expect(governor.permission(atMs: timeMs) == .allowed)
            governor.recordKill(atMs: timeMs)
        }
        #expect(governor.permission(atMs: 30) == .overBudget(kills: 3, windowMs: 1_000, untilMs: 1_000))
        #expect(governor.permission(atMs: 999) == .overBudget(kills: 3, windowMs: 1_000, untilMs: 1_000))
        #expect(governor.permission(atMs: 1_000) == .allowed)
        governor.recordKill(atMs: 1_000)
        #expect(governor.permission(atMs: 1_005) == .overBudget(kills: 3, windowMs: 1_000, untilMs: 1_010))
    }

    @Test func aCoolDownHoldsTheNextKill() {
        var governor = KillGovernor(settings: GovernorSettings(cooldownMs: 500, maxKills: 10, windowMs: 60_000))
        governor.recordKill(atMs: 2_000)
        #expect(governor.permission(atMs: 2_499) == .coolingDown(untilMs: 2_500))
        #expect(governor.permission(atMs: 2_500) == .allowed)
    }

    /// A hundred 8 MiB workers filling a pod need about forty kills, one per 100 ms tick.
    @Test func theDefaultsAllowFortyKillsOneTickApartAndStopARunaway() {
        var governor = KillGovernor(settings: GovernorSettings())
        var allowed = 0
        for tick in 0..<100 {
            let timeMs = Int64(tick) * 100
            guard governor.permission(atMs: timeMs) == .allowed else { continue }
            governor.recordKill(atMs: timeMs)
            allowed += 1
        }
        #expect(allowed == 64)
        #expect(governor.permission(atMs: 9_950) == .overBudget(kills: 64, windowMs: 10_000, untilMs: 10_000))
    }
}
