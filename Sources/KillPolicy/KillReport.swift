import MemSense

/// A kill as it happened: who, how, how long it took and what it gave back.
public struct KillReport: Equatable, Sendable {
    public var victim: Candidate
    public var target: KillTarget
    /// Why a group or cgroup kill was narrowed to the victim alone.
    public var granularityFallback: String?
    /// The signals delivered to the victim, in order.
    public var signals: [KillSignal]
    /// Whether process_mrelease freed the victim's memory ahead of its exit.
    public var isMemoryReleased: Bool
    /// Whether the victim exited within the waits.
    public var hasExited: Bool
    /// From the start of the sequence to the first signal (the re-check and the handle).
    public var selectionToSignalMs: Int64
    /// From the first signal to the end of the last wait.
    public var signalToExitMs: Int64
    public var availableBeforeBytes: UInt64
    public var availableAfterBytes: UInt64
    /// Failures after the first signal reached the victim, which did not stop the kill
    /// (a group signal refused, process_mrelease absent before Linux 5.15).
    public var errors: [KillPolicyError]
    public var skipped: [SkippedCandidate]

    /// Available memory gained across the kill; negative if the target kept growing.
    public var freedBytes: Int64 {
        availableAfterBytes >= availableBeforeBytes
            ? Int64(clamping: availableAfterBytes - availableBeforeBytes)
            : -Int64(clamping: availableBeforeBytes - availableAfterBytes)
    }
}
