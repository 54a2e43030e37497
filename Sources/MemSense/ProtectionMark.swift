/// What `fastoomd protect` leaves in the environment of the command it runs (and so of every
/// child that keeps its environment): `FASTOOMD_PROTECTED=1` and, with `--max-stall S`,
/// `FASTOOMD_MAX_STALL_S=S`. Read from /proc/PID/environ, which only root (or the owner) can.
public struct ProtectionMark: Sendable, Equatable {
    /// How long the process's target may stay critical before the protection lapses; nil:
    /// never.
    public var maxStallSeconds: UInt32?

    public init(maxStallSeconds: UInt32? = nil) {
        self.maxStallSeconds = maxStallSeconds
    }

    /// The mark in /proc/PID/environ (`PATH=/bin\0FASTOOMD_PROTECTED=1\0FASTOOMD_MAX_STALL_S=120\0`),
    /// or nil when the process is not protected. Other variables, a missing final NUL and
    /// bytes that are not UTF-8 are ignored; a max stall that is not a whole number of seconds
    /// up to a day counts as absent (protected for good), the safer reading.
    public static func parsing(_ bytes: UnsafeBufferPointer<UInt8>) -> ProtectionMark? {
        var isProtected = false
        var maxStall: UInt32?
        var start = 0
        while start < bytes.count {
            var end = start
            while end < bytes.count, bytes[end] != 0 { end += 1 }
            let entry = UnsafeBufferPointer(rebasing: bytes[start..<end])
            if KernelNumber.field(entry, equals: "FASTOOMD_PROTECTED=1") {
                isProtected = true
            } else if let value = value(of: entry, named: "FASTOOMD_MAX_STALL_S="),
                let seconds = KernelNumber.uint64(value), (1...86_400).contains(seconds)
            {
                maxStall = UInt32(seconds)
            }
            start = end + 1
        }
        return isProtected ? ProtectionMark(maxStallSeconds: maxStall) : nil
    }

    private static func value(of entry: UnsafeBufferPointer<UInt8>, named prefix: StaticString)
        -> UnsafeBufferPointer<UInt8>?
    {
        let length = prefix.utf8CodeUnitCount
        guard entry.count > length,
            KernelNumber.field(UnsafeBufferPointer(rebasing: entry[..<length]), equals: prefix)
        else { return nil }
        return UnsafeBufferPointer(rebasing: entry[length...])
    }
}
