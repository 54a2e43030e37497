import Glibc

/// The descriptors the loop waits on (PSI triggers, a v1 pressure eventfd, the signalfd), kept
/// between ticks so that a wait does not allocate. It tells which of them fired.
public struct PollSet {
    /// What to wait for on a descriptor, and what the kernel reported.
    public struct Events: OptionSet, Sendable {
        public let rawValue: Int16

        public init(rawValue: Int16) {
            self.rawValue = rawValue
        }

        /// POLLIN: an eventfd, signalfd or pidfd has something to read.
        public static let readable = Events(rawValue: Int16(POLLIN))
        /// POLLPRI: a PSI trigger fired.
        public static let priority = Events(rawValue: Int16(POLLPRI))
        /// POLLERR: e.g. the cgroup of a PSI trigger was removed.
        public static let error = Events(rawValue: Int16(POLLERR))
        /// POLLHUP.
        public static let hangUp = Events(rawValue: Int16(POLLHUP))
        /// POLLNVAL: the descriptor is not open.
        public static let invalid = Events(rawValue: Int16(POLLNVAL))
    }

    /// Which descriptor: what `add` returned.
    public struct Token: Hashable, Sendable {
        fileprivate let index: Int
    }

    /// The descriptors that fired in one wait, as a bit set of tokens.
    public struct Ready: Equatable, Sendable {
        fileprivate var bits: UInt64 = 0

        public var isEmpty: Bool { bits == 0 }

        public func contains(_ token: Token) -> Bool {
            bits & (1 << UInt64(token.index)) != 0
        }
    }

    /// At most this many descriptors, one bit each in `Ready`.
    public static let capacity = 64

    private var entries: [pollfd] = []

    public init() {}

    /// Adds `fileDescriptor`, to be waited on for `events`.
    public mutating func add(_ fileDescriptor: Int32, events: Events) throws(LinuxSysError) -> Token {
        guard entries.count < Self.capacity else {
            throw .invalidArgument(operation: "poll", reason: "more than \(Self.capacity) descriptors")
        }
        entries.append(pollfd(fd: fileDescriptor, events: events.rawValue, revents: 0))
        return Token(index: entries.count - 1)
    }

    /// Waits up to `timeoutMs` (-1: forever) for any descriptor to fire and returns those that
    /// did; empty on a timeout. The wait restarts with the whole timeout if a signal interrupts
    /// it, which the loop avoids by reading its signals from a signalfd.
    /// The corresponding C function is `poll`.
    public mutating func wait(timeoutMs: Int32) throws(LinuxSysError) -> Ready {
        let count = entries.count
        let readyCount = try entries.withUnsafeMutableBufferPointer { (buffer) throws(LinuxSysError) -> Int32 in
            try checked("poll") { system_poll(buffer.baseAddress, count, timeoutMs) }
        }
        var ready = Ready()
        guard readyCount > 0 else { return ready }
        for index in entries.indices where entries[index].revents != 0 {
            ready.bits |= 1 << UInt64(index)
        }
        return ready
    }

    /// What the kernel reported for `token` in the last wait.
    public func returnedEvents(_ token: Token) -> Events {
        Events(rawValue: entries[token.index].revents)
    }
}
