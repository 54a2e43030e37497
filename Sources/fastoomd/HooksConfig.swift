import KillPolicy
import MemSense

/// The `hooks` section: executables run on `near_oom`, before a kill and after a kill.
///
///     "hooks": {"near_oom": [{"path": "/usr/local/sbin/page-oncall", "timeout_ms": 10000}],
///               "before_kill": [{"path": "/usr/local/sbin/oom-dump", "head_start_ms": 200}],
///               "after_kill": []}
struct HooksConfig: Decodable, Equatable, Sendable {
    var nearOOM: [HookConfig] = []
    var beforeKill: [HookConfig] = []
    var afterKill: [HookConfig] = []
    var comment: String?
    public private(set) var decodingIssues: [ConfigIssue] = []

    enum CodingKeys: String, CodingKey, CaseIterable {
        case comment
        case nearOOM = "near_oom"
        case beforeKill = "before_kill"
        case afterKill = "after_kill"
    }

    init(nearOOM: [HookConfig] = [], beforeKill: [HookConfig] = [], afterKill: [HookConfig] = []) {
        self.nearOOM = nearOOM
        self.beforeKill = beforeKill
        self.afterKill = afterKill
    }

    init(from decoder: any Decoder) {
        var object = LenientObject<CodingKeys>(decoder)
        nearOOM = object.value(.nearOOM, default: [])
        beforeKill = object.value(.beforeKill, default: [])
        afterKill = object.value(.afterKill, default: [])
        comment = object.optional(.comment)
        decodingIssues = object.issues
    }

    func hooks(_ kind: HookKind) -> [HookConfig] {
        switch kind {
        case .nearOOM: nearOOM
        case .beforeKill: beforeKill
        case .afterKill: afterKill
        case .recycle: []
        }
    }

    /// Every problem of the section, each at its JSON path under `path`. With `checkingFiles`,
    /// each hook's file must also be one only root can change (`FilePermissions`).
    func issues(at path: String, checkingFiles: Bool) -> [ConfigIssue] {
        var issues = decodingIssues
        for kind in HookKind.allCases {
            for (index, hook) in hooks(kind).enumerated() {
                let hookPath = "\(path).\(kind.rawValue)[\(index)]"
                let hookIssues = hook.issues(at: hookPath, kind: kind)
                issues += hookIssues
                guard checkingFiles, hookIssues.isEmpty else { continue }
                issues += FilePermissions.problems(ofFileAt: hook.path, role: .executable).map {
                    ConfigIssue(path: hookPath + ".path", "refused: \($0)")
                }
            }
        }
        return issues
    }
}
