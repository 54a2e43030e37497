import FoundationEssentials
import KillPolicy
import MemSense
import Predictor

#if canImport(Glibc)
    import Glibc
#endif

/// The configuration file: one JSON object whose sections each belong to the module that reads
/// them (`predictor`, `kill_policy`, `daemon`). fastoomd only assembles them, and lists every
/// problem of every section with its JSON path, so that one look at a rejected file tells all.
/// Unknown top-level keys (`comment`, sections of a newer fastoomd) are left alone.
///
///     {"predictor": {"preset": "high"}, "kill_policy": {"protect": [...], "avoid": []},
///      "daemon": {"targets": [{"cgroup": "/kubepods"}]}}
struct Configuration {
    var predictor: PredictorConfig
    var policy: Policy
    var daemon: DaemonConfig

    /// A configuration file is refused beyond this size.
    static let limitBytes = 1 << 20

    /// Where `fastoomd run` reads its configuration unless `--config` says otherwise.
    static let defaultPath = "/etc/fastoomd/policy.json"

    /// The kernel's page size here: the unit of the refault and scan counters.
    static var machinePageSizeBytes: UInt64 { UInt64(max(1, sysconf(Int32(_SC_PAGESIZE)))) }

    /// Reads and validates the file at `path`.
    static func load(path: String) throws(ConfigurationError) -> Configuration {
        let bytes: [UInt8]
        do {
            bytes = try PlainFile.contents(of: path, limitBytes: limitBytes)
        } catch {
            throw .unreadable(error)
        }
        return try decoding(bytes, path: path)
    }

    /// Decodes and validates the text of a configuration file; `path` only names it in errors.
    static func decoding(_ bytes: [UInt8], path: String) throws(ConfigurationError) -> Configuration {
        let sections: Sections
        do {
            sections = try JSONDecoder().decode(Sections.self, from: Data(bytes))
        } catch {
            throw .invalid(path: path, problems: [ConfigIssue(path: "", "not a JSON object: \(error)")])
        }
        var problems = sections.problems
        var predictor = sections.predictor ?? PredictorConfig()
        if !sections.hasPageSize { predictor.pageSizeBytes = machinePageSizeBytes }
        for error in predictor.validationErrors(at: Sections.CodingKeys.predictor.rawValue) {
            switch error {
            case .invalid(let path, let reason): problems.append(ConfigIssue(path: path, reason))
            }
        }
        let daemon = sections.daemon ?? DaemonConfig()
        problems += daemon.issues(at: Sections.CodingKeys.daemon.rawValue)
        var policy: Policy?
        if let killPolicy = sections.killPolicy {
            do throws(KillPolicyError) {
                policy = try Policy(validating: killPolicy, at: Sections.CodingKeys.killPolicy.rawValue)
            } catch {
                if case .invalidConfig(let issues) = error { problems += issues }
            }
        } else {
            problems.append(
                ConfigIssue(
                    path: Sections.CodingKeys.killPolicy.rawValue,
                    "required: who may be killed (start from the shipped config/policy.json)"))
        }
        guard problems.isEmpty, let policy else { throw .invalid(path: path, problems: problems) }
        return Configuration(predictor: predictor, policy: policy, daemon: daemon)
    }

    /// The sections as written, with the problems met while decoding them.
    private struct Sections: Decodable {
        var predictor: PredictorConfig?
        var hasPageSize = false
        var killPolicy: KillPolicyConfig?
        var daemon: DaemonConfig?
        var problems: [ConfigIssue] = []

        enum CodingKeys: String, CodingKey {
            case predictor
            case killPolicy = "kill_policy"
            case daemon
        }

        private enum PredictorKeys: String, CodingKey {
            case pageSizeBytes = "page_size_bytes"
        }

        /// The predictor section decodes strictly (its first bad value is its one problem); the
        /// others list every bad value themselves.
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            do {
                predictor = try container.decodeIfPresent(PredictorConfig.self, forKey: .predictor)
                if predictor != nil {
                    let section = try container.nestedContainer(keyedBy: PredictorKeys.self, forKey: .predictor)
                    hasPageSize = section.contains(.pageSizeBytes)
                }
            } catch {
                problems.append(Self.problem(error, section: .predictor))
            }
            killPolicy = try container.decodeIfPresent(KillPolicyConfig.self, forKey: .killPolicy)
            daemon = try container.decodeIfPresent(DaemonConfig.self, forKey: .daemon)
        }

        /// A decoding failure as a problem at the JSON path of the value that failed.
        private static func problem(_ error: any Error, section: CodingKeys) -> ConfigIssue {
            guard let error = error as? DecodingError else { return ConfigIssue(path: section.rawValue, "\(error)") }
            switch error {
            case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
                return ConfigIssue(path: jsonPath(context.codingPath), context.debugDescription)
            case .keyNotFound(let key, let context):
                return ConfigIssue(path: jsonPath(context.codingPath + [key]), "is required")
            @unknown default:
                return ConfigIssue(path: section.rawValue, "\(error)")
            }
        }

        private static func jsonPath(_ keys: [any CodingKey]) -> String {
            keys.reduce("") { path, key in
                if let index = key.intValue { return path + "[\(index)]" }
                return path.isEmpty ? key.stringValue : path + "." + key.stringValue
            }
        }
    }
}
