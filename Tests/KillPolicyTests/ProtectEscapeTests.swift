import KillPolicy
import MemSense
import Testing

/// `fastoomd protect` marks a process; `--max-stall S` lets it be chosen again once its target
/// has been critical for S seconds, and the candidate says why.
@Suite struct ProtectEscapeTests {
    let policy = Policy()

    func table() -> [ProcessSnapshot] {
        var forGood = process(10, "deploy", anonBytes: 4 * gib)
        forGood.protection = ProtectionMark()
        var withStall = process(11, "migrate", anonBytes: 2 * gib)
        withStall.protection = ProtectionMark(maxStallSeconds: 120)
        return [forGood, withStall, process(20, "worker", anonBytes: 100 * mib)]
    }

    func ranking(criticalForMs: Int64) -> Ranking {
        Ranking(
            of: table(), policy: policy, ownPID: ownPID, memoryTotalBytes: nodeMemoryBytes,
            criticalForMs: criticalForMs)
    }

    @Test func protectedProcessesAreExcludedWhileTheTargetIsNotCriticalLongEnough() {
        for criticalForMs: Int64 in [0, 119_999] {
            let result = ranking(criticalForMs: criticalForMs)
            #expect(result.candidatePIDs == [20])
            #expect(result.reason(excluding: 10) == .protectedByCommand(maxStallSeconds: nil))
            #expect(result.reason(excluding: 11) == .protectedByCommand(maxStallSeconds: 120))
            #expect(result.reason(excluding: 11)?.description == "fastoomd protect (until critical for 120s)")
        }
    }

    @Test func aProcessWithAMaximumStallIsChosenOnceTheTargetHasBeenCriticalThatLong() throws {
        let result = ranking(criticalForMs: 125_000)
        #expect(result.candidatePIDs == [11, 20])
        #expect(result.excludedPIDs == [10])
        let escaped = try #require(result.candidates.first)
        #expect(escaped.reasons.first == "protect escape: critical for 125s >= max_stall 120s")
    }

    @Test func oomScoreAdjMinus1000StaysExcludedWhateverTheMark() {
        var pinned = process(12, "pinned", anonBytes: gib, oomScoreAdj: -1000)
        pinned.protection = ProtectionMark(maxStallSeconds: 1)
        let result = Ranking(
            of: [pinned], policy: policy, ownPID: ownPID, memoryTotalBytes: nodeMemoryBytes, criticalForMs: 10_000)
        #expect(result.reason(excluding: 12) == .oomKillDisabled)
    }
}
