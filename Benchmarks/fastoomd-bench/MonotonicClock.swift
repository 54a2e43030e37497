#if canImport(Glibc)
    import Glibc
#endif

/// Nanoseconds on CLOCK_MONOTONIC, read around each measured call.
enum MonotonicClock {
    static func nowNs() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) * 1_000_000_000 + UInt64(time.tv_nsec)
    }

    /// The time `body` takes, in nanoseconds.
    static func measureNs<E: Error>(_ body: () throws(E) -> Void) throws(E) -> UInt64 {
        let start = nowNs()
        try body()
        return nowNs() - start
    }
}
