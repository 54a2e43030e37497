import Testing

@testable import Predictor

@Suite struct StateTrackerTests {
    private func states(_ probabilities: [Double], intervalMs: Int64 = 50) -> [AssessmentState] {
        var tracker = StateTracker()
        return probabilities.enumerated().map { index, probability in
            tracker.update(probability: probability, tMs: Int64(index) * intervalMs, thresholds: .medium)
        }
    }

    @Test func aProbabilityOscillatingAroundTheNearOOMThresholdDoesNotFlap() {
        let result = states((0..<200).map { $0 % 2 == 0 ? 0.81 : 0.79 })
        #expect(result.allSatisfy { $0 == .nearOOM })
    }

    @Test func stepsUpAtOnceAndDownOnlyAfterTheMinimumDwell() {
        // near_oom at 0 ms, then clearly healthy: held for the 1000 ms dwell, then ok.
        let result = states([0.9] + Array(repeating: 0.01, count: 40))
        #expect(result[0] == .nearOOM)
        #expect(result[19] == .nearOOM)
        #expect(result[20] == .ok)
        #expect(result[40] == .ok)
    }

    @Test func swingsAcrossTheLeaveThresholdChangeStateAtMostOncePerDwell() {
        let result = states((0..<400).map { $0 % 2 == 0 ? 0.85 : 0.3 })
        let changes = zip(result, result.dropFirst()).filter { $0 != $1 }.count
        // 20 s of input, 1 s dwell: at most one step down per second and one step back up.
        #expect(changes <= 40)
        #expect(result.filter { $0.isActing }.count > result.count * 9 / 10)
    }

    @Test func criticalNeedsItsOwnThreshold() {
        #expect(states([0.94]) == [.nearOOM])
        #expect(states([0.96]) == [.critical])
        #expect(states([0.5]) == [.warn])
    }
}
