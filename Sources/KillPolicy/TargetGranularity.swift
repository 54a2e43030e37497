import MemSense

/// A granularity for the targets whose cgroup path starts with `cgroupPrefix`, e.g. whole
/// containers for `/kubepods/`.
public struct TargetGranularity: Codable, Equatable, Sendable, LenientDecodable {
    public var cgroupPrefix: String
    public var granularity: KillGranularity
    public var comment: String?
    public private(set) var decodingIssues: [ConfigIssue] = []

    enum CodingKeys: String, CodingKey, CaseIterable {
        case cgroupPrefix = "cgroup_prefix"
        case granularity
        case comment
    }

    public init(cgroupPrefix: String, granularity: KillGranularity, comment: String? = nil) {
        self.cgroupPrefix = cgroupPrefix
        self.granularity = granularity
        self.comment = comment
    }

    public init(from decoder: any Decoder) {
        var object = LenientObject<CodingKeys>(decoder)
        cgroupPrefix = object.required(.cgroupPrefix, default: "/", hint: "the target cgroup path prefix")
        granularity = object.required(.granularity, default: .process, hint: "process, process_group or cgroup")
        comment = object.optional(.comment)
        decodingIssues = object.issues
    }
}
