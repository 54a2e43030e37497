import LinuxSys

/// Keeps the locked part of the daemon's executable to what the daemon runs (see
/// `ProgramImage`): drops the pages start-up faulted in, lets the first ticks and a rehearsed
/// victim selection fault back what they need, then unlocks the pages still untouched.
struct ImageTrimmer {
    /// Long enough for both kinds of tick, full and calm, to have run several times.
    static var warmUpMs: Int64 { 2 * CalmGate.maxSkipMs }

    private let image = ProgramImage()
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
        warmUpEndsMs = nowMs + Self.warmUpMs
    }

    /// Once the warm-up is over, unlocks the executable's pages no tick has touched.
    mutating func tick<Control>(_ daemon: Daemon<Control>, nowMs: Int64) {
        guard let endsMs = warmUpEndsMs, nowMs >= endsMs else { return }
        warmUpEndsMs = nil
        do throws(LinuxSysError) {
            _ = try image.unlockUntouchedPages()
        } catch {
            daemon.recordError("cannot unlock the executable's untouched pages: \(error)")
        }
    }
}
