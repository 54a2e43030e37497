import FoundationEssentials
import KillPolicy
import MemSense
import Predictor

/// The `pods` section of a configuration file, checked against the presets, thresholds and
/// granularities that the Predictor and KillPolicy know (MemSense keeps them as names).
enum PodRulesFile {
    /// The rules of `path`, or the default rule alone when no file is given.
    static func rules(at path: String?) -> Result<PodRules, PodRulesFileError> {
        var config = PodRulesConfig()
        if let path {
            let bytes: [UInt8]
            do {
                bytes = try DirectorySource().contents(of: path)
            } catch {
                return .failure(.unreadable(error.description))
            }
            do {
                config = try JSONDecoder().decode(Section.self, from: Data(bytes)).pods ?? config
            } catch {
                return .failure(.invalid(["\(path): \(error)"]))
            }
        }
        let validated = config.validated(
            presets: Set(PredictorConfig.Preset.allCases.map(\.rawValue)),
            granularities: Set(KillGranularity.allCases.map(\.rawValue)), thresholdKeys: thresholdKeys)
        return validated.mapError { .invalid($0.problems.map(\.description)) }
    }

    /// The keys a preset's thresholds are written with, as the Predictor encodes them.
    static var thresholdKeys: Set<String> {
        guard let data = try? JSONEncoder().encode(PresetThresholds.medium),
            let object = try? JSONDecoder().decode([String: Double].self, from: data)
        else { return [] }
        return Set(object.keys)
    }

    private struct Section: Decodable {
        var pods: PodRulesConfig?
    }
}

/// Why the `pods` section could not be used: every problem, each with its JSON path.
enum PodRulesFileError: Error {
    case unreadable(String)
    case invalid([String])

    var description: String {
        switch self {
        case .unreadable(let reason): reason
        case .invalid(let problems): problems.joined(separator: "\n")
        }
    }
}
