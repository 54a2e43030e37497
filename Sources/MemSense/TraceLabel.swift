/// A label line of a trace: what really happened during the recording, to score a replay against.
///
///     {"t_ms":52300,"label":"kernel_oom_kill","pid":4242,"name":"hog"}
///     {"t_ms":48100,"label":"stall","end_ms":51900,"name":"svc-web","max_late_ms":3800}
///     {"t_ms":47000,"label":"daemon_kill","pid":4242,"name":"hog","by":"earlyoom"}
public struct TraceLabel: Sendable, Equatable {
    public var tMs: Int64
    public var event: Event

    public enum Event: Sendable, Equatable {
        /// The kernel's OOM killer killed `pid`.
        case kernelOOMKill(pid: Int32, name: String)
        /// The latency probe `name` was late by more than 100 ms until `endMs`, at worst by `maxLateMs`.
        case stall(endMs: Int64, name: String, maxLateMs: Int64)
        /// A user-space daemon (`by`) that ran during the recording killed `pid`.
        case daemonKill(pid: Int32, name: String, by: String)
    }

    public init(tMs: Int64, event: Event) {
        self.tMs = tMs
        self.event = event
    }

    /// The `label` value of each kind, as written in the trace.
    public var kind: String {
        switch event {
        case .kernelOOMKill: "kernel_oom_kill"
        case .stall: "stall"
        case .daemonKill: "daemon_kill"
        }
    }
}
