/// A monotonic clock that moves only when told, for code that takes time as a closure.
public final class ManualClock {
    public private(set) var nowMs: Int64

    public init(startMs: Int64 = 0) {
        nowMs = startMs
    }

    public func advance(byMs deltaMs: Int64) {
        nowMs += deltaMs
    }
}
