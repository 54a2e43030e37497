import CLinuxSys

/// A kernel event counter (non-blocking): the cgroup v1 memory pressure notification writes to
/// one, and the loop polls it with the other descriptors.
public struct EventFD: ~Copyable {
    public let fileDescriptor: Int32

    /// The corresponding C function is `eventfd`.
    public init(initialValue: UInt32 = 0) throws(LinuxSysError) {
        fileDescriptor = try checked("eventfd") {
            system_eventfd(initialValue, Int32(EFD_CLOEXEC) | Int32(EFD_NONBLOCK))
        }
    }

    deinit {
        system_close(fileDescriptor)
    }

    /// Adds `count` to the counter, which makes the descriptor readable.
    /// The corresponding C function is `write`.
    public func signal(_ count: UInt64 = 1) throws(LinuxSysError) {
        var value = count
        _ = try checked("write eventfd") { system_write(fileDescriptor, &value, MemoryLayout<UInt64>.size) }
    }

    /// Reads the counter and resets it to zero; 0 when nothing was signalled since the last read.
    /// The corresponding C function is `read`.
    public func consume() throws(LinuxSysError) -> UInt64 {
        var value: UInt64 = 0
        do {
            _ = try valueOrErrno { system_read(fileDescriptor, &value, MemoryLayout<UInt64>.size) }
        } catch .wouldBlock {
            return 0
        } catch {
            throw LinuxSysError("read eventfd", error)
        }
        return value
    }
}
