/// A cgroup v1 memory.oom_control:
///
///     oom_kill_disable 0
///     under_oom 0
///     oom_kill 2
///
/// `oom_kill` (kills by the group's OOM killer) exists from 4.13 on; older kernels read 0.
public struct CgroupV1OOMControl: Sendable, Equatable {
    public var isOOMKillDisabled = false
    public var isUnderOOM = false
    public var oomKills: UInt64 = 0

    public init(parsing bytes: UnsafeBufferPointer<UInt8>) throws(ParseError) {
        try CgroupKeyedValues.forEach(in: bytes) { key, value in
            if KernelNumber.field(key, equals: "oom_kill_disable") {
                isOOMKillDisabled = value != 0
            } else if KernelNumber.field(key, equals: "under_oom") {
                isUnderOOM = value != 0
            } else if KernelNumber.field(key, equals: "oom_kill") {
                oomKills = value
            }
        }
    }
}
