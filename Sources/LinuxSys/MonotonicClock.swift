import Glibc

/// The daemon's only clock. Everything else takes the time as an argument, so a recorded trace
/// replays exactly.
public enum MonotonicClock {
    /// Milliseconds of CLOCK_MONOTONIC: never jumps with the wall clock, and does not count time
    /// the machine was suspended. The corresponding C function is `clock_gettime`.
    public static func nowMs() -> Int64 {
        var time = timespec()
        // CLOCK_MONOTONIC with a valid pointer cannot fail.
        _ = system_clock_gettime(CLOCK_MONOTONIC, &time)
        return Int64(time.tv_sec) * 1000 + Int64(time.tv_nsec) / 1_000_000
    }
}
