import Glibc
import Testing

@testable import Predictor

@Suite struct MovingAverageTests {
    @Test func stepResponseReachesOneMinusOneOverEAfterOneTimeConstant() {
        var average = MovingAverage(timeConstantSeconds: 2)
        average.add(1, elapsedSeconds: 2)
        #expect(abs(average.mean - (1 - exp(-1))) < 1e-12)
    }

    @Test func tenShortIntervalsWeighTheSameAsOneLongOne() {
        var often = MovingAverage(timeConstantSeconds: 1)
        for _ in 0..<10 { often.add(3, elapsedSeconds: 0.1) }
        var once = MovingAverage(timeConstantSeconds: 1)
        once.add(3, elapsedSeconds: 1)
        #expect(abs(often.mean - once.mean) < 1e-12)
        #expect(abs(once.mean - 3 * (1 - exp(-1))) < 1e-12)
    }

    @Test func zeroElapsedTimeChangesNothing() {
        var average = MovingAverage(timeConstantSeconds: 1)
        average.add(5, elapsedSeconds: 0)
        #expect(average.mean == 0)
    }
}
