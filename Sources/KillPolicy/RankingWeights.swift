import MemSense

/// How much each property of a process adds to its score:
/// `score = oomScore × oom_score + oomScoreAdj × oom_score_adj + freeablePermille × freeable‰`,
/// where freeable‰ is the memory a kill would free (anon + shmem + swap) per thousand of the
/// target's memory, the same scale as the kernel's oom_score and oom_score_adj.
public struct RankingWeights: Codable, Equatable, Sendable, LenientDecodable {
    /// The kernel's own score counts file-backed RSS, which a kill does not free; 0 by default.
    public var oomScore: Double
    public var oomScoreAdj: Double
    public var freeablePermille: Double
    public var comment: String?
    public private(set) var decodingIssues: [ConfigIssue] = []

    enum CodingKeys: String, CodingKey, CaseIterable {
        case oomScore = "oom_score"
        case oomScoreAdj = "oom_score_adj"
        case freeablePermille = "freeable_permille"
        case comment
    }

    public init(oomScore: Double = 0, oomScoreAdj: Double = 1, freeablePermille: Double = 1, comment: String? = nil) {
        self.oomScore = oomScore
        self.oomScoreAdj = oomScoreAdj
        self.freeablePermille = freeablePermille
        self.comment = comment
    }

    public init(from decoder: any Decoder) {
        let defaults = Self()
        var object = LenientObject<CodingKeys>(decoder)
        oomScore = object.value(.oomScore, default: defaults.oomScore)
        oomScoreAdj = object.value(.oomScoreAdj, default: defaults.oomScoreAdj)
        freeablePermille = object.value(.freeablePermille, default: defaults.freeablePermille)
        comment = object.optional(.comment)
        decodingIssues = object.issues
    }

    func issues(at path: String) -> [ConfigIssue] {
        [(oomScore, "oom_score"), (oomScoreAdj, "oom_score_adj"), (freeablePermille, "freeable_permille")]
            .filter { !($0.0.isFinite && $0.0 >= 0) }
            .map { ConfigIssue(path: path + "." + $0.1, "weight \($0.0) must be a finite number >= 0") }
    }
}
