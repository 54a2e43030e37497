import Glibc

/// A cgroup v1 memory usage threshold: the kernel signals an eventfd each time the group's
/// `memory.usage_in_bytes` crosses `thresholdBytes`, upwards or downwards. Recycling uses it to
/// notice a group going over its cap at once instead of at the next poll.
public struct MemoryThresholdListener: ~Copyable {
    private let event: EventFD
    private let usageFD: Int32
    public let thresholdBytes: UInt64

    /// The descriptor to poll for readability.
    public var fileDescriptor: Int32 { event.fileDescriptor }

    /// Registers the threshold on the cgroup at `cgroupDirectory` by writing
    /// `"<eventfd> <memory.usage_in_bytes fd> <threshold>"` to its `cgroup.event_control`.
    /// The group must be on a cgroup file system (a fixture tree is refused, never written).
    /// The corresponding C functions are `eventfd`, `open`, `fstatfs` and `write`.
    public init(cgroupDirectory: String, thresholdBytes: UInt64) throws(LinuxSysError) {
        let event = try EventFD()
        let usagePath = cgroupDirectory + "/memory.usage_in_bytes"
        let usageFD = try checked("open \(usagePath)") {
            usagePath.withCString { system_open($0, O_RDONLY | O_CLOEXEC) }
        }
        do {
            try KernelFileSystem.requireKernelFile(usageFD, operation: "register on \(usagePath)")
            try writeFile(
                cgroupDirectory + "/cgroup.event_control", "\(event.fileDescriptor) \(usageFD) \(thresholdBytes)".utf8)
        } catch {
            system_close(usageFD)
            throw error
        }
        self.event = event
        self.usageFD = usageFD
        self.thresholdBytes = thresholdBytes
    }

    deinit {
        system_close(usageFD)
    }

    /// How many crossings were signalled since the last call (0 if none), resetting the count.
    public func consume() throws(LinuxSysError) -> UInt64 {
        try event.consume()
    }
}
