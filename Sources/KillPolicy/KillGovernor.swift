/// Whether fastoomd may kill now: a cool-down after each kill, and at most `maxKills` kills in
/// any `windowMs`. Pure: time is passed in (monotonic milliseconds).
public struct KillGovernor: Equatable, Sendable {
    public enum Permission: Equatable, Sendable {
        case allowed
        case coolingDown(untilMs: Int64)
        /// The budget is spent: an error event, and the kernel's OOM killer takes over.
        case overBudget(kills: Int, windowMs: Int64, untilMs: Int64)
    }

    public let settings: GovernorSettings
    /// Times of the kills still inside the window, oldest first.
    private var killTimesMs: [Int64] = []

    public init(settings: GovernorSettings) {
        self.settings = settings
    }

    public func permission(atMs nowMs: Int64) -> Permission {
        if let lastMs = killTimesMs.last, nowMs - lastMs < settings.cooldownMs {
            return .coolingDown(untilMs: lastMs + settings.cooldownMs)
        }
        let inWindow = killTimesMs.filter { nowMs - $0 < settings.windowMs }
        if inWindow.count >= settings.maxKills, let oldestMs = inWindow.first {
            return .overBudget(
                kills: inWindow.count, windowMs: settings.windowMs, untilMs: oldestMs + settings.windowMs)
        }
        return .allowed
    }

    public mutating func recordKill(atMs nowMs: Int64) {
        killTimesMs.removeAll { nowMs - $0 >= settings.windowMs }
        killTimesMs.append(nowMs)
    }
}
