/// What one kill takes down: the victim alone, its process group (a shell pipeline, a forking
/// server's workers), or its whole memory cgroup (a container).
public enum KillGranularity: String, Codable, Equatable, Sendable, CaseIterable {
    case process
    case processGroup = "process_group"
    case cgroup

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let granularity = Self(rawValue: text) else {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: decoder.codingPath,
                    debugDescription: "unknown granularity \"\(text)\" (known: "
                        + Self.allCases.map(\.rawValue).joined(separator: ", ") + ")"))
        }
        self = granularity
    }
}
