import FoundationEssentials
import MemSense
import Predictor

#if canImport(Glibc)
    import Glibc
#endif

/// The configuration file: one JSON object whose sections each belong to the module that reads
/// them. fastoomd only assembles them and reports every problem with its JSON path.
///
///     {"predictor": {"preset": "high", "medium": {"near_oom_probability": 0.85}}}
///
/// Only the `predictor` section is read so far; other top-level keys are left for the sections
/// still to come (`kill_policy`, `daemon`).
struct Configuration: Sendable, Equatable {
    var predictor: PredictorConfig

    /// The defaults, with the page size of this machine.
    init() {
        predictor = PredictorConfig()
        predictor.pageSizeBytes = Self.machinePageSizeBytes
    }

    /// A configuration file is refused beyond this size.
    static let limitBytes = 1 << 20

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
        let configuration: Configuration
        do {
            configuration = try JSONDecoder().decode(Configuration.self, from: Data(bytes))
        } catch DecodingError.dataCorrupted(let context) {
            throw .invalid(path: path, problems: [ConfigIssue(path: "", "not valid JSON: \(context.debugDescription)")])
        } catch {
            throw .invalid(path: path, problems: [ConfigIssue(path: "", "not a JSON object")])
        }
        let problems = configuration.predictor.validationErrors(at: CodingKeys.predictor.rawValue)
        guard problems.isEmpty else { throw .invalid(path: path, problems: problems) }
        return configuration
    }
}

extension Configuration: Decodable {
    enum CodingKeys: String, CodingKey {
        case predictor
    }

    /// The one key of the predictor section that this file looks at itself.
    private enum PredictorKeys: String, CodingKey {
        case pageSizeBytes = "page_size_bytes"
    }

    /// An absent section keeps its defaults; a predictor section without `page_size_bytes` takes
    /// this machine's page size.
    init(from decoder: any Decoder) throws {
        self.init()
        let container = try decoder.container(keyedBy: CodingKeys.self)
        guard container.contains(.predictor) else { return }
        predictor = try container.decode(PredictorConfig.self, forKey: .predictor)
        let section = try? container.nestedContainer(keyedBy: PredictorKeys.self, forKey: .predictor)
        if section?.contains(.pageSizeBytes) != true { predictor.pageSizeBytes = Self.machinePageSizeBytes }
    }
}
