import LinuxSys

/// Keeps the locked part of the daemon's executable to what the daemon runs (see
/// `ProgramImage`): drops the pages start-up faulted in, lets the first ticks and a rehearsed
/// victim selection fault back what they need, then unlocks the pages still untouched.
struct ImageTrimmer {
    /// Short enough that the footprint an operator looks at a minute after start is the trimmed
    /// one (until then every page of the executable counts in VmLck), long enough for calm ticks
    /// on both sides of a full one that follows them.
    static var warmUpMs: Int64 { 20_000 }

    private let image = ProgramImage()
    /// When the warm-up asks for a full tick: the calm gate lets one last for a minute, and the
    /// second full tick, which weighs what changed since the first, must fault in its code too.
    private var fullTickDueMs: Int64?
    private var warmUpEndsMs: Int64?

    /// Starts the warm-up at `nowMs`; nothing to do where memory could not be locked at all.
    mutating func start<Control>(_ daemon: Daemon<Control>, isLocked: Bool, nowMs: Int64) {
        guard isLocked else { return }
        do throws(LinuxSysError) {
            _ = try image.dropResidentPages()
        } catch {
            daemon.recordError("cannot drop the executable's start-up pages: \(error)")
            return
        }
        daemon.rehearseSelection()
        scheduleWarmUp(from: nowMs)
    }

    /// The warm-up's clock alone, without touching memory: what `start` runs once the pages are
    /// dropped, and what tests run.
    mutating func scheduleWarmUp(from nowMs: Int64) {
        fullTickDueMs = nowMs + Self.warmUpMs / 2
        warmUpEndsMs = nowMs + Self.warmUpMs
    }

    /// Halfway through the warm-up, makes the daemon's next tick full; once it is over, unlocks
    /// the executable's pages no tick has touched.
    mutating func tick<Control>(_ daemon: Daemon<Control>, nowMs: Int64) {
        if let dueMs = fullTickDueMs, nowMs >= dueMs {
            fullTickDueMs = nil
            daemon.requireFullTick()
        }
        guard let endsMs = warmUpEndsMs, nowMs >= endsMs else { return }
        warmUpEndsMs = nil
        do throws(LinuxSysError) {
            _ = try image.unlockUntouchedPages()
        } catch {
            daemon.recordError("cannot unlock the executable's untouched pages: \(error)")
        }
    }
}
