/// When a hook runs: on entering near-OOM, just before a kill (with a bounded head start), after
/// a kill, or as a recycling rule's action. The raw value is `FASTOOMD_HOOK` of the hook and,
/// but for `recycle` (whose hooks are in their rules), the key of the `hooks` section.
enum HookKind: String, CaseIterable, Sendable {
    case nearOOM = "near_oom"
    case beforeKill = "before_kill"
    case afterKill = "after_kill"
    case recycle
}
