import Glibc

/// A PSI trigger: the kernel makes the descriptor report POLLPRI when tasks stalled on memory for
/// `stallUs` within any `windowUs`, so the loop wakes at once instead of at its next tick.
/// It reports POLLERR when the cgroup it watches is removed.
///
/// Works on `/proc/pressure/memory` (the node) and on a cgroup v2 `memory.pressure` file.
public struct PSITrigger: ~Copyable {
    /// `some`: at least one task stalled; `full`: all non-idle tasks stalled at once.
    public enum Kind: String, Sendable {
        case some
        case full
    }

    /// The kernel accepts windows from 500 ms to 10 s.
    public static let windowRangeUs = 500_000...10_000_000
    /// Without CAP_SYS_RESOURCE the kernel accepts only windows that are a multiple of 2 s.
    public static let unprivilegedWindowMultipleUs = 2_000_000

    public let path: String
    public let fileDescriptor: Int32

    /// Registers a trigger on the pressure file at `path`, which must be on procfs or cgroup2 (an
    /// ordinary file is refused, never written). The corresponding C functions are `open`,
    /// `fstatfs` and `write` (of `"some 150000 1000000"` with its NUL).
    public init(path: String, kind: Kind = .some, stallUs: Int, windowUs: Int) throws(LinuxSysError) {
        let trigger = "\(kind.rawValue) \(stallUs) \(windowUs)"
        let operation = "write \"\(trigger)\" to \(path)"
        guard Self.windowRangeUs.contains(windowUs), (1...windowUs).contains(stallUs) else {
            throw .invalidArgument(
                operation: operation,
                reason: "the window must be 500000...10000000 us and the stall 1 us up to the window"
            )
        }
        let fd = try checked("open \(path)") { path.withCString { system_open($0, O_RDWR | O_NONBLOCK | O_CLOEXEC) } }
        do {
            try KernelFileSystem.requireKernelFile(fd, operation: operation)
            try writeWhole(fd, Array(trigger.utf8) + [0], operation: operation)
        } catch .failed(let operation, let errno)
            where errno == .invalidArgument && !windowUs.isMultiple(of: Self.unprivilegedWindowMultipleUs)
        {
            system_close(fd)
            throw .missingCapability(operation: operation, capability: "CAP_SYS_RESOURCE", errno: errno)
        } catch {
            system_close(fd)
            throw error
        }
        self.path = path
        fileDescriptor = fd
    }

    /// A trigger on the whole node's memory pressure, `<procRoot>/pressure/memory`.
    public static func nodeMemory(
        procRoot: String = "/proc",
        kind: Kind = .some,
        stallUs: Int,
        windowUs: Int
    ) throws(LinuxSysError) -> PSITrigger {
        try PSITrigger(path: procRoot + "/pressure/memory", kind: kind, stallUs: stallUs, windowUs: windowUs)
    }

    deinit {
        system_close(fileDescriptor)
    }
}
