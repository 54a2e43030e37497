import Testing

@testable import Predictor

@Suite struct FeaturesTests {
    @Test func timeToExhaustionFollowsTheFasterSustainedFill() {
        var features = Features()
        features.headroomFraction = 0.2
        features.shortFillPerSecond = 0.05
        features.longFillPerSecond = 0.1
        #expect(features.timeToExhaustionSeconds == 2)
    }

    @Test func memoryThatIsNotFillingNeverRunsOut() {
        var features = Features()
        features.headroomFraction = 0.2
        features.shortFillPerSecond = -0.3
        #expect(features.timeToExhaustionSeconds == .infinity)
    }
}
