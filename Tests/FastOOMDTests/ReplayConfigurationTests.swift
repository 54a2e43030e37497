import KillPolicy
import MemSense
import Predictor
import TestSupport
import Testing

@testable import fastoomd

/// The configuration file as `replay --config` reads it: the predictor section beside the others,
/// every problem named by its JSON path.
@Suite struct ReplayConfigurationTests {
    private func decode(_ json: String) throws(ConfigurationError) -> Configuration {
        try Configuration.decoding(Array(json.utf8), path: "policy.json")
    }

    @Test func anEmptyFileIsTheDefaultsWithThisMachinesPageSize() throws {
        let configuration = try decode("{}")
        #expect(configuration == Configuration())
        #expect(configuration.predictor.pageSizeBytes == Configuration.machinePageSizeBytes)
        #expect(configuration.predictor.medium == .medium)
    }

    @Test func thePredictorSectionIsReadBesideTheOthers() throws {
        let configuration = try decode(
            #"{"kill_policy": {"protect": [], "avoid": []}, "daemon": {}, "predictor": {"preset": "high", "page_size_bytes": 16384}}"#
        )
        #expect(configuration.predictor.preset == .high)
        #expect(configuration.predictor.pageSizeBytes == 16384)
    }

    @Test func aPredictorSectionWithoutAPageSizeTakesThisMachines() throws {
        let configuration = try decode(#"{"predictor": {"low": {"minimum_dwell_ms": 500}}}"#)
        #expect(configuration.predictor.pageSizeBytes == Configuration.machinePageSizeBytes)
        #expect(configuration.predictor.low.minimumDwellMs == 500)
    }

    @Test func everyInvalidValueIsListedWithItsJSONPath() {
        #expect(
            throws: ConfigurationError.invalid(
                path: "policy.json",
                problems: [
                    ConfigIssue(path: "predictor.medium.warn_probability", "must be a probability in 0...1"),
                    ConfigIssue(path: "predictor.medium.warn_probability", "must not exceed near_oom_probability"),
                    ConfigIssue(
                        path: "predictor.weights.deficit_weight",
                        "must not be negative: more pressure must never lower it"),
                ])
        ) {
            try decode(#"{"predictor": {"medium": {"warn_probability": 1.5}, "weights": {"deficit_weight": -1}}}"#)
        }
    }

    @Test func aValueOfTheWrongTypeIsNamedByItsJSONPath() {
        #expect(
            throws: ConfigurationError.invalid(
                path: "policy.json",
                problems: [
                    ConfigIssue(
                        path: "predictor.high.near_oom_probability",
                        "Expected to decode Double but found a string instead.")
                ])
        ) {
            try decode(#"{"predictor": {"high": {"near_oom_probability": "high"}}}"#)
        }
    }

    /// A misspelt threshold left silently at its default would act at the wrong time.
    @Test func everyMisspeltPredictorKeyIsAProblemAtItsJSONPath() throws {
        do throws(ConfigurationError) {
            _ = try decode(
                #"""
                {"predictor": {"preset": "high", "presett": "low", "medium": {"near_oom_probabilty": 0.9},
                               "weights": {"deficit_wieght": 7, "bias": "x"}, "low": 3}}
                """#)
            Issue.record("expected an error")
        } catch {
            guard case .invalid(_, let problems) = error else {
                Issue.record("expected invalid, got \(error)")
                return
            }
            #expect(
                problems.map(\.path) == [
                    "predictor.presett", "predictor.weights.deficit_wieght", "predictor.weights.bias",
                    "predictor.low", "predictor.medium.near_oom_probabilty",
                ])
            let medium = try #require(problems.last)
            #expect(medium.message.hasPrefix("unknown key (known: critical_leave_probability, critical_probability"))
            #expect(
                error.description.contains(
                    "policy.json: predictor.presett: unknown key (known: high, low, medium, page_size_bytes, preset, weights)"
                ))
        }
    }

    @Test func textThatIsNotJSONIsRefusedAndDescribedWithTheFileName() {
        do throws(ConfigurationError) {
            _ = try decode("{predictor")
            Issue.record("expected an error")
        } catch {
            #expect(error.description.hasPrefix("policy.json: not valid JSON"))
        }
    }

    @Test func aMissingFileIsUnreadable() {
        #expect(throws: ConfigurationError.unreadable(.notFound(path: "/nonexistent/fastoomd.json"))) {
            try Configuration.load(path: "/nonexistent/fastoomd.json")
        }
    }

    @Test func theConfiguredPresetIsTheOneReplayUses() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/config.json"
            let file = try PlainFile(creating: path)
            try Array(#"{"predictor": {"preset": "low"}}"#.utf8).withUnsafeBufferPointer { try file.write($0) }
            try file.close()
            let configuration = try Configuration.load(path: path)
            #expect(configuration.predictor.preset == .low)
        }
    }
}
