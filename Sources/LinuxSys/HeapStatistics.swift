import CLinuxSys

/// How much the C heap holds, for benchmarks that check a tick does not allocate.
///
/// It comes from glibc's mallinfo2 (glibc 2.33+), which counts bytes in use, not calls: a tick
/// that frees what it allocates leaves these unchanged. glibc offers no allocation counter, and
/// replacing malloc to count calls is not possible from Swift without an interposed library.
public struct HeapStatistics: Equatable, Sendable {
    /// Bytes handed out from malloc's arenas (`uordblks`).
    public let arenaBytesInUse: Int
    /// Bytes of large blocks that malloc mapped on their own (`hblkhd`).
    public let mappedBytes: Int

    /// Everything malloc has handed out and not had back.
    public var allocatedBytes: Int { arenaBytesInUse + mappedBytes }

    /// The statistics now, over every arena. The corresponding C function is `mallinfo2`.
    public static func current() -> HeapStatistics {
        let info = system_mallinfo2()
        return HeapStatistics(arenaBytesInUse: Int(info.uordblks), mappedBytes: Int(info.hblkhd))
    }
}
