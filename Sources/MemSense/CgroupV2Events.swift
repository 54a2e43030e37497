/// A cgroup v2 memory.events (counts since the group was created, its descendants included):
///
///     low 0
///     high 3
///     max 2
///     oom 1
///     oom_kill 1
///     oom_group_kill 0
///
/// `oom_group_kill` exists from 5.17 on; absent keys read 0.
public struct CgroupV2Events: Sendable, Equatable {
    public var low: UInt64 = 0
    public var high: UInt64 = 0
    /// Times usage was about to exceed memory.max.
    public var max: UInt64 = 0
    public var oom: UInt64 = 0
    public var oomKill: UInt64 = 0
    public var oomGroupKill: UInt64 = 0

    public init(parsing bytes: UnsafeBufferPointer<UInt8>) throws(ParseError) {
        try CgroupKeyedValues.forEach(in: bytes) { key, value in
            if KernelNumber.field(key, equals: "low") {
                low = value
            } else if KernelNumber.field(key, equals: "high") {
                high = value
            } else if KernelNumber.field(key, equals: "max") {
                max = value
            } else if KernelNumber.field(key, equals: "oom") {
                oom = value
            } else if KernelNumber.field(key, equals: "oom_kill") {
                oomKill = value
            } else if KernelNumber.field(key, equals: "oom_group_kill") {
                oomGroupKill = value
            }
        }
    }
}
