import Testing

@testable import Predictor

@Suite struct SustainedRateTests {
    /// Feeds `rates`, one per 50 ms interval, and returns the sustained rate after each.
    private func run(_ rates: [Double], window: Double = 0.6, capacity: Int = 64) -> [Double] {
        var rate = SustainedRate(windowSeconds: window, capacity: capacity)
        return rates.enumerated().map { index, value in
            rate.add(rate: value, durationSeconds: 0.05, endSeconds: Double(index + 1) * 0.05)
        }
    }

    @Test func aBurstOfThreeIntervalsThenAPlateauIsNoFill() {
        let readings = run(Array(repeating: 0, count: 12) + [5, 5, 4] + Array(repeating: 0, count: 20))
        #expect(readings.allSatisfy { $0 == 0 })
    }

    @Test func aFillThatGoesOnReadsItsRateOnceItCoversHalfTheWindow() {
        let readings = run(Array(repeating: 0, count: 12) + Array(repeating: 0.6, count: 12))
        #expect(readings[12 + 4] == 0)
        // Six of twelve intervals filled: the rate is there, capped by the net fall (half of it).
        #expect(abs(readings[12 + 5] - 0.3) < 1e-9)
        #expect(abs(readings[12 + 11] - 0.6) < 1e-9)
    }

    @Test func aZigZagThatGoesNowhereReadsOnlyItsNetFall() {
        // Half of the intervals fall at 0.4/s, so the upper median alone would read 0.4; the net
        // fall over the window is at most one unpaired step (0.4 * 0.05 s / 0.6 s).
        let readings = run((0..<40).map { $0 % 2 == 0 ? 0.4 : -0.4 })
        #expect(readings.allSatisfy { $0 <= 0.4 * 0.05 / 0.6 + 1e-9 })
    }

    @Test func longerIntervalsGiveTheSameRate() {
        var coarse = SustainedRate(windowSeconds: 0.6)
        var reading = 0.0
        for index in 1...8 { reading = coarse.add(rate: 0.3, durationSeconds: 0.15, endSeconds: Double(index) * 0.15) }
        let fine = run(Array(repeating: 0.3, count: 24))
        #expect(abs(reading - 0.3) < 1e-9)
        #expect(abs(fine[23] - reading) < 1e-9)
    }

    @Test func aFullRingMergesOldIntervalsAndStillCoversTheWindow() {
        let readings = run(Array(repeating: 0.2, count: 100), window: 4, capacity: 8)
        #expect(abs(readings[99] - 0.2) < 1e-9)
    }

    @Test func startUpWithoutHistoryDoesNotExtrapolateFromOneInterval() {
        var rate = SustainedRate(windowSeconds: 0.6)
        #expect(rate.add(rate: 9, durationSeconds: 0.05, endSeconds: 0.05) == 0)
    }
}
