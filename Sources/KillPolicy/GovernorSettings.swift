import MemSense

/// Limits on how often fastoomd kills: a cool-down after each kill and a budget of kills per
/// window. Past the budget fastoomd stops and leaves the rest to the kernel's OOM killer.
public struct GovernorSettings: Codable, Equatable, Sendable, LenientDecodable {
    public var cooldownMs: Int64
    public var maxKills: Int
    public var windowMs: Int64
    public var comment: String?
    public private(set) var decodingIssues: [ConfigIssue] = []

    enum CodingKeys: String, CodingKey, CaseIterable {
        case cooldownMs = "cooldown_ms"
        case maxKills = "max_kills"
        case windowMs = "window_ms"
        case comment
    }

    public init(cooldownMs: Int64 = 0, maxKills: Int = 64, windowMs: Int64 = 10_000, comment: String? = nil) {
        self.cooldownMs = cooldownMs
        self.maxKills = maxKills
        self.windowMs = windowMs
        self.comment = comment
    }

    public init(from decoder: any Decoder) {
        let defaults = Self()
        var object = LenientObject<CodingKeys>(decoder)
        cooldownMs = object.value(.cooldownMs, default: defaults.cooldownMs)
        maxKills = object.value(.maxKills, default: defaults.maxKills)
        windowMs = object.value(.windowMs, default: defaults.windowMs)
        comment = object.optional(.comment)
        decodingIssues = object.issues
    }

    func issues(at path: String) -> [ConfigIssue] {
        var issues: [ConfigIssue] = []
        if cooldownMs < 0 {
            issues.append(ConfigIssue(path: path + ".cooldown_ms", "\(cooldownMs) must be >= 0"))
        }
        if maxKills < 1 {
            issues.append(ConfigIssue(path: path + ".max_kills", "\(maxKills) must be >= 1"))
        }
        if windowMs < 1 {
            issues.append(ConfigIssue(path: path + ".window_ms", "\(windowMs) must be >= 1"))
        }
        return issues
    }
}
