/// When a hook runs: on entering near-OOM, just before a kill (with a bounded head start), or
/// after a kill. The raw value is the key of the `hooks` section and `FASTOOMD_HOOK` of the hook.
enum HookKind: String, CaseIterable, Sendable {
    case nearOOM = "near_oom"
    case beforeKill = "before_kill"
    case afterKill = "after_kill"
}
