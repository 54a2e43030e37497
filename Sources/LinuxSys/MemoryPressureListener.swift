import Glibc

/// The cgroup v1 memory pressure notification: the kernel signals an eventfd when reclaim in the
/// cgroup reaches `level`. It is v1's early warning where PSI triggers are not available.
public struct MemoryPressureListener: ~Copyable {
    /// The reclaim pressure to be told about.
    public enum Level: String, Sendable {
        case low
        case medium
        case critical
    }

    /// Which cgroups' pressure counts: `hierarchy` (also the descendants' pressure, telling every
    /// ancestor), `local` (only this cgroup's own). Nil means the kernel's default.
    public enum Mode: String, Sendable {
        case hierarchy
        case local
    }

    private let event: EventFD
    private let pressureLevelFD: Int32

    /// The descriptor to poll for readability.
    public var fileDescriptor: Int32 { event.fileDescriptor }

    /// Registers for `level` on the cgroup at `cgroupDirectory` by writing
    /// `"<eventfd> <memory.pressure_level fd> <level>[,<mode>]"` to its `cgroup.event_control`.
    /// The group must be on a cgroup file system (a fixture tree is refused, never written).
    /// The corresponding C functions are `eventfd`, `open`, `fstatfs` and `write`.
    public init(cgroupDirectory: String, level: Level, mode: Mode? = nil) throws(LinuxSysError) {
        let event = try EventFD()
        let levelPath = cgroupDirectory + "/memory.pressure_level"
        let levelFD = try checked("open \(levelPath)") {
            levelPath.withCString { system_open($0, O_RDONLY | O_CLOEXEC) }
        }
        var registration = "\(event.fileDescriptor) \(levelFD) \(level.rawValue)"
        if let mode { registration += ",\(mode.rawValue)" }
        do {
            try KernelFileSystem.requireKernelFile(levelFD, operation: "register on \(levelPath)")
            try writeFile(cgroupDirectory + "/cgroup.event_control", registration.utf8)
        } catch {
            system_close(levelFD)
            throw error
        }
        self.event = event
        pressureLevelFD = levelFD
    }

    deinit {
        system_close(pressureLevelFD)
    }

    /// How many notifications arrived since the last call (0 if none), resetting the count.
    public func consume() throws(LinuxSysError) -> UInt64 {
        try event.consume()
    }
}
