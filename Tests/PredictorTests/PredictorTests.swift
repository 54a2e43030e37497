import MemSense
import Testing

@testable import Predictor

@Suite struct PredictorTests {
    /// Runs a fresh default predictor over `count` samples 50 ms apart, the available fraction and
    /// rates given per index, and returns every assessment.
    private func run(
        count: Int, intervalMs: Int64 = 50, preset: PredictorConfig.Preset = .medium,
        _ describe: (Int) -> (available: Double, refaults: Double, limitHits: Double, stall: Double)
    ) -> [Assessment] {
        var predictor = Predictor(preset: preset)
        var target = SyntheticTarget()
        return (0..<count).map { index in
            let values = describe(index)
            let sample = target.sample(
                tMs: Int64(index) * intervalMs, availableFraction: values.available,
                refaultsPerSecond: values.refaults, limitHitsPerSecond: values.limitHits, fullStallShare: values.stall)
            return predictor.assess(sample)
        }
    }

    @Test func constantHealthyInputStaysOKWithNoReasons() {
        let assessments = run(count: 2000) { _ in (0.7, 0, 0, 0) }
        #expect(assessments.allSatisfy { $0.state == .ok && $0.reasons.isEmpty })
        #expect(assessments.allSatisfy { $0.probability < 0.01 })
    }

    @Test func aSteadyHighButStableTargetDoesNotAct() {
        let assessments = run(count: 600) { _ in (0.15, 0, 0, 0) }
        #expect(!assessments.contains { $0.state.isActing })
    }

    @Test func aRampTowardsTheLimitActsBeforeItIsExhausted() throws {
        // 15 % of the limit per second from 90 %: exhausted at 6 s.
        let assessments = run(count: 200) { index in (max(0, 0.9 - 0.15 * Double(index) * 0.05), 0, 0, 0) }
        let first = try #require(assessments.first { $0.state.isActing })
        #expect(first.tMs < 5500)
        #expect(first.reasons.first?.feature == .exhaustion || first.reasons.first?.feature == .headroom)
    }

    @Test func thrashingAtLowHeadroomActsWhileTheSameThrashingWithPlentyOfRoomDoesNot() {
        let gigabytePerSecondOfPages = Double(1 << 30) / 4096
        let short = run(count: 100) { _ in (0.07, gigabytePerSecondOfPages, 50_000, 0.15) }
        let roomy = run(count: 100) { _ in (0.90, gigabytePerSecondOfPages, 50_000, 0.15) }
        #expect(short.contains { $0.state.isActing })
        #expect(!roomy.contains { $0.state != .ok })
    }

    /// Probability after a fixed warm-up of 40 samples with these values held constant.
    private func settledProbability(available: Double, refaults: Double, limitHits: Double, stall: Double) -> Double {
        run(count: 40) { _ in (available, refaults, limitHits, stall) }.last?.probability ?? 0
    }

    @Test(arguments: [0.30, 0.12, 0.05])
    func moreOfAnyPressureNeverLowersTheProbability(available: Double) {
        let levels = [0.0, 100.0, 1_000.0, 10_000.0, 100_000.0]
        for index in 1..<levels.count {
            let (less, more) = (levels[index - 1], levels[index])
            #expect(
                settledProbability(available: available, refaults: more, limitHits: 0, stall: 0)
                    >= settledProbability(available: available, refaults: less, limitHits: 0, stall: 0))
            #expect(
                settledProbability(available: available, refaults: 0, limitHits: more, stall: 0)
                    >= settledProbability(available: available, refaults: 0, limitHits: less, stall: 0))
            #expect(
                settledProbability(available: available, refaults: 0, limitHits: 0, stall: more / 100_000)
                    >= settledProbability(available: available, refaults: 0, limitHits: 0, stall: less / 100_000))
        }
        for lower in stride(from: available - 0.01, through: 0, by: -0.01) {
            #expect(
                settledProbability(available: lower, refaults: 500, limitHits: 500, stall: 0.01)
                    >= settledProbability(available: lower + 0.01, refaults: 500, limitHits: 500, stall: 0.01))
        }
    }

    @Test func aFasterFillNeverLowersTheProbability() {
        var previous = 0.0
        for percentPerSecond in stride(from: 0.0, through: 60, by: 5) {
            let fill = percentPerSecond / 100 * 0.05
            let probability =
                run(count: 20) { index in (0.25 - fill * Double(index), 0, 0, 0) }.last?.probability ?? 0
            #expect(probability >= previous - 1e-12)
            previous = probability
        }
    }

    @Test func irregularIntervalsGiveTheSameAnswerAsRegularOnes() throws {
        // The same ramp (12 % of the limit per second, with rising refaults) sampled every 50 ms,
        // and at 30, 70, 120 ms in turn.
        func describe(_ tMs: Int64) -> (Double, Double, Double, Double) {
            let seconds = Double(tMs) / 1000
            return (max(0, 0.8 - 0.12 * seconds), 2_000 * seconds, 0, 0)
        }
        var regular = Predictor()
        var irregular = Predictor()
        var regularTarget = SyntheticTarget()
        var irregularTarget = SyntheticTarget()
        var regularAssessments: [Assessment] = []
        var irregularAssessments: [Assessment] = []
        var tMs: Int64 = 0
        while tMs <= 8000 {
            let values = describe(tMs)
            regularAssessments.append(
                regular.assess(regularTarget.sample(tMs: tMs, availableFraction: values.0, refaultsPerSecond: values.1))
            )
            tMs += 50
        }
        tMs = 0
        var step = 0
        while tMs <= 8000 {
            let values = describe(tMs)
            irregularAssessments.append(
                irregular.assess(
                    irregularTarget.sample(tMs: tMs, availableFraction: values.0, refaultsPerSecond: values.1)))
            tMs += [30, 70, 120][step % 3]
            step += 1
        }
        let regularFirst = try #require(regularAssessments.first { $0.state.isActing }).tMs
        let irregularFirst = try #require(irregularAssessments.first { $0.state.isActing }).tMs
        #expect(abs(regularFirst - irregularFirst) <= 150)
        for assessment in irregularAssessments {
            let nearest = try #require(
                regularAssessments.min { abs($0.tMs - assessment.tMs) < abs($1.tMs - assessment.tMs) })
            guard abs(nearest.tMs - assessment.tMs) <= 10 else { continue }
            #expect(abs(nearest.probability - assessment.probability) < 0.1)
        }
    }

    @Test func cgroupHeadroomIsTheLimitsNotTheNodes() {
        var predictor = Predictor()
        let sample = Sample(
            kind: .cgroupV1, tMs: 0, totalBytes: SyntheticTarget.limitBytes, availableBytes: 10 << 20)
        _ = predictor.assess(sample)
        #expect(abs(predictor.features.headroomFraction - 10.0 / 512) < 1e-12)
    }

    @Test func aHighPresetIsNeverLessEagerThanLowOnTheSameInput() throws {
        let describe: (Int) -> (Double, Double, Double, Double) = { index in
            (max(0, 0.6 - 0.004 * Double(index)), 0, 0, 0)
        }
        let low = try #require(run(count: 400, preset: .low, describe).first { $0.state.isActing }).tMs
        let medium = try #require(run(count: 400, preset: .medium, describe).first { $0.state.isActing }).tMs
        let high = try #require(run(count: 400, preset: .high, describe).first { $0.state.isActing }).tMs
        #expect(high <= medium)
        #expect(medium <= low)
    }
}
