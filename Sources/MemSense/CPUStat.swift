/// CPU time from /proc/stat: the `cpu` line summed over all CPUs, and one `cpuN` line per
/// online CPU.
///
/// A line reads `cpu  301854 612 111922 8979004 3552 2 3944 0 44 36`, in USER_HZ ticks:
/// user nice system idle iowait irq softirq steal guest guest_nice. Kernels before 2.6.11 wrote
/// 7 columns and 2.4 kernels 4; missing columns read 0. Guest time is already inside user and
/// nice, so it is not kept. Lines other than `cpu*` are skipped, except the two process counts.
public struct CPUStat: Sendable, Equatable {
    /// The `cpu` line: every CPU together.
    public private(set) var total = Times()
    /// The `cpuN` lines in file order. CPUs that are offline have no line, so IDs may skip.
    public private(set) var perCPU: [CPU] = []
    /// `procs_running` and `procs_blocked` (tasks in uninterruptible sleep, which includes
    /// tasks stalled in reclaim); nil on kernels that do not write them.
    public private(set) var runnableTasks: UInt64?
    public private(set) var blockedTasks: UInt64?

    public struct Times: Sendable, Equatable {
        public var user: UInt64 = 0
        public var nice: UInt64 = 0
        public var system: UInt64 = 0
        public var idle: UInt64 = 0
        public var ioWait: UInt64 = 0
        public var irq: UInt64 = 0
        public var softIRQ: UInt64 = 0
        public var steal: UInt64 = 0

        public init() {}

        /// All the time the line accounts for, the denominator of every CPU share. Summed term by
        /// term: an array literal here would allocate on every tick.
        public var totalTicks: UInt64 {
            user.addingSaturating(nice).addingSaturating(system).addingSaturating(idle).addingSaturating(ioWait)
                .addingSaturating(irq).addingSaturating(softIRQ).addingSaturating(steal)
        }
    }

    public struct CPU: Sendable, Equatable {
        /// N of `cpuN`.
        public var id: Int
        public var times: Times
    }

    /// No CPU time yet; fill it with `update(parsing:)`.
    public init() {}

    public init(parsing bytes: UnsafeBufferPointer<UInt8>) throws(ParseError) {
        try update(parsing: bytes)
    }

    /// Parses a whole /proc/stat into this value, reusing the per-CPU storage: it allocates only
    /// when there are more CPU lines than ever before.
    public mutating func update(parsing bytes: UnsafeBufferPointer<UInt8>) throws(ParseError) {
        perCPU.removeAll(keepingCapacity: true)
        runnableTasks = nil
        blockedTasks = nil
        var sawTotal = false
        var scanner = ByteScanner(bytes)
        while var line = scanner.nextLine() {
            guard let key = line.nextField() else { continue }
            if let id = KernelKey.suffix(of: key, after: "cpu") {
                let times = try Self.times(&line, lineNumber: scanner.lineNumber)
                if id.isEmpty {
                    total = times
                    sawTotal = true
                } else if let number = KernelNumber.uint64(id), number < Int.max {
                    perCPU.append(CPU(id: Int(number), times: times))
                } else {
                    throw ParseError(line: scanner.lineNumber, "expected `cpu` or `cpuN`")
                }
            } else if KernelNumber.field(key, equals: "procs_running") {
                runnableTasks = try Self.count(&line, lineNumber: scanner.lineNumber)
            } else if KernelNumber.field(key, equals: "procs_blocked") {
                blockedTasks = try Self.count(&line, lineNumber: scanner.lineNumber)
            }
        }
        guard scanner.lineNumber > 0 else { throw ParseError(line: 0, "empty file") }
        guard sawTotal else { throw ParseError(line: 0, "no `cpu` line") }
    }

    /// The columns after `cpu`/`cpuN`: at least 4, each a decimal; the 9th onwards are checked
    /// and dropped.
    private static func times(_ line: inout ByteLine, lineNumber: Int) throws(ParseError) -> Times {
        var times = Times()
        var column = 0
        while let field = line.nextField() {
            guard let value = KernelNumber.uint64(field) else {
                throw ParseError(line: lineNumber, "column \(column + 1) is not a decimal below 2^64")
            }
            switch column {
            case 0: times.user = value
            case 1: times.nice = value
            case 2: times.system = value
            case 3: times.idle = value
            case 4: times.ioWait = value
            case 5: times.irq = value
            case 6: times.softIRQ = value
            case 7: times.steal = value
            default: break
            }
            column += 1
        }
        guard column >= 4 else { throw ParseError(line: lineNumber, "expected at least 4 columns, found \(column)") }
        return times
    }

    private static func count(_ line: inout ByteLine, lineNumber: Int) throws(ParseError) -> UInt64 {
        guard let field = line.nextField(), let value = KernelNumber.uint64(field), line.nextField() == nil else {
            throw ParseError(line: lineNumber, "expected one decimal value")
        }
        return value
    }
}
