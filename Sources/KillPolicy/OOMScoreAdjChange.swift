import MemSense

/// One write the daemon should make: `process` has `currentAdj` and its first matching rule wants
/// `wantedAdj`.
public struct OOMScoreAdjChange: Equatable, Sendable {
    public let process: ProcessIdentity
    public let comm: String
    public let currentAdj: Int32
    public let wantedAdj: Int32
    /// The rule that matched, as `comm=sshd`.
    public let rule: String

    public init(process: ProcessIdentity, comm: String, currentAdj: Int32, wantedAdj: Int32, rule: String) {
        self.process = process
        self.comm = comm
        self.currentAdj = currentAdj
        self.wantedAdj = wantedAdj
        self.rule = rule
    }

    /// Lowering needs CAP_SYS_RESOURCE; raising does not.
    public var isLowering: Bool { wantedAdj < currentAdj }
}
