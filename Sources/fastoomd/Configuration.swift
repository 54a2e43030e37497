import KillPolicy
import MemSense
import Predictor

#if canImport(Glibc)
    import Glibc
#endif

/// The configuration file: one JSON object whose sections each belong to the module that reads
/// them (`predictor`, `kill_policy`, `daemon`, `oom_score_adj`, `hooks`, `recycling`, `pods`).
/// fastoomd only assembles them, and lists every
/// problem of every section with its JSON path, so that one look at a rejected file tells all.
/// Unknown top-level keys (`comment`, sections of a newer fastoomd) are left alone.
///
///     {"predictor": {"preset": "high", "medium": {"near_oom_probability": 0.85}},
///      "kill_policy": {"protect": [...], "avoid": []}, "daemon": {"targets": [{"cgroup": "/kubepods"}]},
///      "pods": {"rules": [{"name": "jobs", "namespace": "batch", "preset": "high"}]}}
///
/// An absent section keeps its defaults; for `kill_policy` that is the shipped policy
/// (config/policy.json, built in), never an empty one that would protect nothing.
struct Configuration {
    var predictor: PredictorConfig
    /// The `kill_policy` section as written, and the policy validated from it.
    var killPolicy: KillPolicyConfig
    var policy: Policy
    var daemon: DaemonConfig
    /// The `oom_score_adj` section as written, and the rules validated from it.
    var oomScoreAdj: OOMScoreAdjConfig
    var oomScoreAdjRules: OOMScoreAdjRules
    var hooks: HooksConfig
    /// The `recycling` section as written, and the rules validated from it.
    var recycling = RecyclingConfig()
    var recyclingRules: [RecyclingRule] = []
    /// The `pods` section as written, and its rules compiled; nil when absent: no pod is watched.
    var pods: PodsConfig?
    var podRules: PodRules?

    /// The defaults, with the page size of this machine and the shipped kill policy.
    init() {
        predictor = PredictorConfig()
        predictor.pageSizeBytes = Self.machinePageSizeBytes
        (killPolicy, policy) = Self.shippedPolicy
        daemon = DaemonConfig()
        oomScoreAdj = OOMScoreAdjConfig()
        oomScoreAdjRules = OOMScoreAdjRules()
        hooks = HooksConfig()
    }

    /// The built-in copy of config/policy.json, decoded and validated (a cold path: start-up and
    /// commands without a configuration file). KillPolicyFileTests
    /// check that it decodes and validates; were it ever not to, the rule-less policy would still
    /// spare PID 1, kernel threads and fastoomd itself.
    private static var shippedPolicy: (KillPolicyConfig, Policy) {
        let sections = try? JSON.decode(Sections.self, from: ShippedPolicy.json.utf8)
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

    /// Reads and validates the file at `path`. The file and each hook must be files that only
    /// root can change (`FilePermissions`): the daemon runs as root and does what they say.
    static func load(path: String) throws(ConfigurationError) -> Configuration {
        let bytes: [UInt8]
        do {
            bytes = try PlainFile.contents(of: path, limitBytes: limitBytes)
        } catch {
            throw .unreadable(error)
        }
        let untrusted = FilePermissions.problems(ofFileAt: path, role: .configuration)
        guard untrusted.isEmpty else {
            throw .invalid(path: path, problems: untrusted.map { ConfigIssue(path: "", "refused: \($0)") })
        }
        let configuration = try decoding(bytes, path: path)
        let hookProblems = configuration.hooks.issues(at: Sections.CodingKeys.hooks.rawValue, checkingFiles: true)
        let recyclingProblems = configuration.recycling.validated(
            at: Sections.CodingKeys.recycling.rawValue, checkingFiles: true
        ).issues
        guard hookProblems.isEmpty && recyclingProblems.isEmpty else {
            throw .invalid(path: path, problems: hookProblems + recyclingProblems)
        }
        return configuration
    }

    /// Decodes and validates the text of a configuration file; `path` only names it in errors.
    static func decoding(_ bytes: [UInt8], path: String) throws(ConfigurationError) -> Configuration {
        let sections: Sections
        do {
            sections = try JSON.decode(Sections.self, from: bytes)
        } catch {
            throw .invalid(path: path, problems: [Sections.problem(error)])
        }
        var configuration = Configuration()
        var problems = sections.problems
        if let predictor = sections.predictor {
            configuration.predictor = predictor
            if !sections.hasPageSize { configuration.predictor.pageSizeBytes = machinePageSizeBytes }
        }
        problems += configuration.predictor.validationErrors(at: Sections.CodingKeys.predictor.rawValue)
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
        if let oomScoreAdj = sections.oomScoreAdj {
            do throws(KillPolicyError) {
                configuration.oomScoreAdjRules = try OOMScoreAdjRules(
                    validating: oomScoreAdj, at: Sections.CodingKeys.oomScoreAdj.rawValue)
                configuration.oomScoreAdj = oomScoreAdj
            } catch {
                if case .invalidConfig(let issues) = error { problems += issues }
            }
        }
        if let hooks = sections.hooks {
            configuration.hooks = hooks
            problems += hooks.issues(at: Sections.CodingKeys.hooks.rawValue, checkingFiles: false)
        }
        if let recycling = sections.recycling {
            let validated = recycling.validated(at: Sections.CodingKeys.recycling.rawValue, checkingFiles: false)
            (configuration.recycling, configuration.recyclingRules) = (recycling, validated.rules)
            problems += validated.issues
        }
        if let pods = sections.pods {
            let (rules, issues) = pods.compiled(
                at: Sections.CodingKeys.pods.rawValue, predictor: configuration.predictor,
                killPolicy: configuration.killPolicy)
            configuration.pods = pods
            configuration.podRules = rules
            problems += issues
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
        var oomScoreAdj: OOMScoreAdjConfig?
        var hooks: HooksConfig?
        var recycling: RecyclingConfig?
        var pods: PodsConfig?
        var problems: [ConfigIssue] = []

        enum CodingKeys: String, CodingKey {
            case predictor
            case killPolicy = "kill_policy"
            case daemon
            case oomScoreAdj = "oom_score_adj"
            case hooks
            case recycling
            case pods
        }

        private enum PredictorKeys: String, CodingKey {
            case pageSizeBytes = "page_size_bytes"
        }

        /// Each section lists its own bad values and unknown keys; only a file that is not a JSON
        /// object fails here.
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            predictor = try container.decodeIfPresent(PredictorConfig.self, forKey: .predictor)
            let section = try? container.nestedContainer(keyedBy: PredictorKeys.self, forKey: .predictor)
            hasPageSize = section?.contains(.pageSizeBytes) ?? false
            killPolicy = try container.decodeIfPresent(KillPolicyConfig.self, forKey: .killPolicy)
            daemon = try container.decodeIfPresent(DaemonConfig.self, forKey: .daemon)
            oomScoreAdj = try container.decodeIfPresent(OOMScoreAdjConfig.self, forKey: .oomScoreAdj)
            hooks = try container.decodeIfPresent(HooksConfig.self, forKey: .hooks)
            recycling = try container.decodeIfPresent(RecyclingConfig.self, forKey: .recycling)
            pods = try container.decodeIfPresent(PodsConfig.self, forKey: .pods)
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
            && lhs.oomScoreAdj == rhs.oomScoreAdj && lhs.hooks == rhs.hooks && lhs.recycling == rhs.recycling
            && lhs.pods == rhs.pods
    }
}
