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
///     {"predictor": {"preset": "high", "medium": {"near_oom_probability": 0.85}},
///      "kill_policy": {"protect": [...], "avoid": []}, "daemon": {"targets": [{"cgroup": "/kubepods"}]}}
///
/// An absent section keeps its defaults; for `kill_policy` that is the shipped policy
/// (config/policy.json, built in), never an empty one that would protect nothing.
struct Configuration {
    var predictor: PredictorConfig
    /// The `kill_policy` section as written, and the policy validated from it.
    var killPolicy: KillPolicyConfig
    var policy: Policy
    var daemon: DaemonConfig

    /// The defaults, with the page size of this machine and the shipped kill policy.
    init() {
        predictor = PredictorConfig()
        predictor.pageSizeBytes = Self.machinePageSizeBytes
        (killPolicy, policy) = Self.shippedPolicy
        daemon = DaemonConfig()
    }

    /// The built-in copy of config/policy.json, decoded and validated (a cold path: start-up and
    /// commands without a configuration file). KillPolicyFileTests
    /// check that it decodes and validates; were it ever not to, the rule-less policy would still
    /// spare PID 1, kernel threads and fastoomd itself.
    private static var shippedPolicy: (KillPolicyConfig, Policy) {
        let sections = try? JSONDecoder().decode(Sections.self, from: Data(ShippedPolicy.json.utf8))
        guard let config = sections?.killPolicy, let policy = try? Policy(validating: config) else {
            return (KillPolicyConfig(), Policy())
        }
        return (config, policy)
    }

    /// A configuration file is refused beyond this size.
    static let limitBytes = 1 << 20

    /// Where fastoomd looks for its configuration when `--config` is not given.
    static let installedPath = "/etc/fastoomd/policy.json"
    /// How a command names the origin of its configuration when no file was read.
    static let builtInOrigin = "built-in (config/policy.json)"

    /// The kernel's page size here: the unit of the refault and scan counters.
    static var machinePageSizeBytes: UInt64 { UInt64(max(1, sysconf(Int32(_SC_PAGESIZE)))) }

    /// The configuration a command uses, and where it came from: `configPath` when given, else
    /// the installed file when it exists, else the defaults (origin nil).
    /// - Parameter installedPath: where an installed file is looked for (a test points it elsewhere).
    static func load(configPath: String?, installedPath: String = installedPath)
        throws(ConfigurationError) -> (Configuration, origin: String?)
    {
        if let configPath { return (try load(path: configPath), configPath) }
        guard (try? PlainFile.status(of: installedPath)) != nil else { return (Configuration(), nil) }
        return (try load(path: installedPath), installedPath)
    }

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
            throw .invalid(path: path, problems: [Sections.problem(error)])
        }
        var configuration = Configuration()
        var problems = sections.problems
        if let predictor = sections.predictor {
            configuration.predictor = predictor
            if !sections.hasPageSize { configuration.predictor.pageSizeBytes = machinePageSizeBytes }
        }
        for error in configuration.predictor.validationErrors(at: Sections.CodingKeys.predictor.rawValue) {
            switch error {
            case .invalid(let path, let reason): problems.append(ConfigIssue(path: path, reason))
            }
        }
        if let killPolicy = sections.killPolicy {
            do throws(KillPolicyError) {
                configuration.policy = try Policy(validating: killPolicy, at: Sections.CodingKeys.killPolicy.rawValue)
                configuration.killPolicy = killPolicy
            } catch {
                if case .invalidConfig(let issues) = error { problems += issues }
            }
        }
        if let daemon = sections.daemon {
            configuration.daemon = daemon
            problems += daemon.issues(at: Sections.CodingKeys.daemon.rawValue)
        }
        guard problems.isEmpty else { throw .invalid(path: path, problems: problems) }
        return configuration
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
                problems.append(Self.problem(error))
            }
            killPolicy = try container.decodeIfPresent(KillPolicyConfig.self, forKey: .killPolicy)
            daemon = try container.decodeIfPresent(DaemonConfig.self, forKey: .daemon)
        }

        /// A decoding failure as a problem at the JSON path of the value that failed.
        static func problem(_ error: any Error) -> ConfigIssue {
            guard let error = error as? DecodingError else { return ConfigIssue(path: "", "\(error)") }
            switch error {
            case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
                return ConfigIssue(path: jsonPath(context.codingPath), "must be a \(name(of: type))")
            case .keyNotFound(let key, let context):
                return ConfigIssue(path: jsonPath(context.codingPath + [key]), "is required")
            case .dataCorrupted(let context):
                let path = jsonPath(context.codingPath)
                return ConfigIssue(
                    path: path,
                    path.isEmpty
                        ? "not valid JSON: \(context.debugDescription) (the file must be one JSON object, without "
                            + "comments or trailing commas)"
                        : context.debugDescription)
            @unknown default:
                return ConfigIssue(path: "", "\(error)")
            }
        }

        private static func jsonPath(_ keys: [any CodingKey]) -> String {
            keys.reduce("") { path, key in
                if let index = key.intValue { return path + "[\(index)]" }
                return path.isEmpty ? key.stringValue : path + "." + key.stringValue
            }
        }

        /// JSON's name for the Swift type a value should have had.
        private static func name(of type: Any.Type) -> String {
            switch type {
            case is Double.Type, is UInt64.Type, is Int64.Type, is Int.Type: "number"
            case is String.Type: "string"
            case is Bool.Type: "boolean"
            default: "JSON object"
            }
        }
    }
}

extension Configuration: Equatable {
    /// Equal when every section as written is; the policy follows from its section.
    static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.predictor == rhs.predictor && lhs.killPolicy == rhs.killPolicy && lhs.daemon == rhs.daemon
    }
}
