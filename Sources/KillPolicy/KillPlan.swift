/// How one kill sequence runs: what it takes down, whether SIGTERM comes first, and how long
/// it waits for the exit.
public struct KillPlan: Equatable, Sendable {
    public var granularity: KillGranularity
    /// 0: SIGKILL at once.
    public var sigtermGraceMs: Int64
    public var exitWaitMs: Int64

    public init(granularity: KillGranularity = .process, sigtermGraceMs: Int64 = 0, exitWaitMs: Int64 = 1_000) {
        self.granularity = granularity
        self.sigtermGraceMs = sigtermGraceMs
        self.exitWaitMs = exitWaitMs
    }
}
