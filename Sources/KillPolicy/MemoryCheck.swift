/// A fresh reading of the target's memory, taken by the caller's closure before a kill
/// ("has it recovered while we were selecting?") and after it (what the kill freed).
public struct MemoryCheck: Equatable, Sendable {
    public var availableBytes: UInt64
    /// The target is out of danger: a kill not yet made is called off.
    public var hasRecovered: Bool

    public init(availableBytes: UInt64, hasRecovered: Bool) {
        self.availableBytes = availableBytes
        self.hasRecovered = hasRecovered
    }
}
