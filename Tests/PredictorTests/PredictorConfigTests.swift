import MemSense
import Testing

@testable import Predictor

@Suite struct PredictorConfigTests {
    private func decode(_ json: String) throws -> PredictorConfig {
        try JSON.decode(PredictorConfig.self, from: json.utf8)
    }

    @Test func theDefaultsAreValid() {
        #expect(PredictorConfig().validationErrors().isEmpty)
    }

    @Test func anEmptySectionIsTheDefault() throws {
        #expect(try decode("{}") == PredictorConfig())
    }

    @Test func oneOverriddenNumberKeepsEveryOtherDefault() throws {
        let config = try decode(
            #"{"preset": "high", "medium": {"near_oom_probability": 0.85}, "weights": {"deficit_weight": 7}}"#)
        #expect(config.preset == .high)
        #expect(config.medium.nearOOMProbability == 0.85)
        #expect(config.medium.warnProbability == PresetThresholds.medium.warnProbability)
        #expect(config.low == .low)
        #expect(config.weights.deficitWeight == 7)
        #expect(config.weights.bias == PredictorWeights().bias)
    }

    @Test func anOverrideOfTheLowPresetStartsFromLowNotMedium() throws {
        let config = try decode(#"{"low": {"minimum_dwell_ms": 500}}"#)
        #expect(config.low.nearOOMProbability == PresetThresholds.low.nearOOMProbability)
        #expect(config.low.minimumDwellMs == 500)
    }

    @Test func everyBadValueIsListedWithItsJSONPath() throws {
        let config = try decode(
            #"""
            {"medium": {"warn_probability": 1.5}, "high": {"near_oom_leave_probability": 0.7},
             "weights": {"deficit_weight": -1, "stall_time_constant_seconds": 0}, "page_size_bytes": 3000}
            """#)
        let paths = Set(config.validationErrors().map(\.path))
        #expect(
            paths == [
                "predictor.medium.warn_probability", "predictor.high.near_oom_leave_probability",
                "predictor.weights.deficit_weight", "predictor.weights.stall_time_constant_seconds",
                "predictor.page_size_bytes",
            ])
    }

    @Test func anUnknownKeyIsAnIssueAndTheKnownKeysStillDecode() throws {
        let config = try decode(#"{"high": {"minimum_dwell_ms": 200, "warn_probabilty": 0.3}, "pagesize": 1}"#)
        #expect(config.high.minimumDwellMs == 200)
        #expect(config.high.warnProbability == PresetThresholds.high.warnProbability)
        #expect(config.validationErrors().map(\.path) == ["pagesize", "high.warn_probabilty"])
        #expect(config.validationErrors().allSatisfy { $0.message.hasPrefix("unknown key (known: ") })
    }

    @Test func encodingThenDecodingGivesTheSameConfig() throws {
        var config = PredictorConfig()
        config.preset = .low
        config.high.minimumDwellMs = 250
        config.weights.reclaimWeight = 4.5
        let data = try JSON.encode(config)
        #expect(try JSON.decode(PredictorConfig.self, from: data) == config)
    }

    @Test func thePresetChoosesTheThresholds() {
        var config = PredictorConfig()
        config.preset = .high
        #expect(Predictor(config: config).thresholds == .high)
        #expect(Predictor(config: config, preset: .low).thresholds == .low)
    }
}
