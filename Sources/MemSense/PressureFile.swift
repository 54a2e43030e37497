/// The lines of one pressure-stall file: /proc/pressure/{memory,io,cpu,irq} or a cgroup v2
/// `memory.pressure`, `io.pressure`, `cpu.pressure`.
///
/// Lines read `some avg10=3.12 avg60=1.40 avg300=0.03 total=16030`, and the same with `full`.
/// `cpu` has no `full` line before 5.13; `irq` (6.1+) has only a `full` line, because IRQ time
/// stalls every task or none.
public struct PressureFile: Sendable, Equatable {
    public var some: Pressure.Stall?
    public var full: Pressure.Stall?

    public init(parsing bytes: UnsafeBufferPointer<UInt8>) throws(ParseError) {
        var scanner = ByteScanner(bytes)
        while var line = scanner.nextLine() {
            guard let kind = line.nextField() else { continue }
            let stall = try Self.stall(&line, lineNumber: scanner.lineNumber)
            if KernelNumber.field(kind, equals: "some") {
                some = stall
            } else if KernelNumber.field(kind, equals: "full") {
                full = stall
            } else {
                throw ParseError(line: scanner.lineNumber, "expected a `some` or `full` line")
            }
        }
        guard some != nil || full != nil else { throw ParseError(line: 0, "no `some` or `full` line") }
    }

    /// The `some` line's total alone, in microseconds, without parsing the averages: what a calm
    /// tick compares. Nil when the file has no `some` line.
    public static func someTotalUs(parsing bytes: UnsafeBufferPointer<UInt8>) throws(ParseError) -> UInt64? {
        var scanner = ByteScanner(bytes)
        while var line = scanner.nextLine() {
            guard let kind = line.nextField(), KernelNumber.field(kind, equals: "some") else { continue }
            var last: UnsafeBufferPointer<UInt8>?
            while let field = line.nextField() { last = field }
            guard let total = value(last, "total=").flatMap(KernelNumber.uint64) else {
                throw ParseError(line: scanner.lineNumber, "expected `some ... total=N`")
            }
            return total
        }
        return nil
    }

    /// The file as a `Pressure`, or nil when it has no `some` line (/proc/pressure/irq): without
    /// it there is no partial stall to report, and inventing zeros would read as "no pressure".
    public var pressure: Pressure? {
        guard let some else { return nil }
        return Pressure(
            someAvg10: some.avg10, someAvg60: some.avg60, someAvg300: some.avg300, someTotalUs: some.totalUs,
            full: full)
    }

    /// `avg10=… avg60=… avg300=… total=…`, in that order, as every kernel since 4.20 writes it.
    private static func stall(_ line: inout ByteLine, lineNumber: Int) throws(ParseError) -> Pressure.Stall {
        guard let avg10 = value(line.nextField(), "avg10=").flatMap(KernelNumber.decimal),
            let avg60 = value(line.nextField(), "avg60=").flatMap(KernelNumber.decimal),
            let avg300 = value(line.nextField(), "avg300=").flatMap(KernelNumber.decimal),
            let total = value(line.nextField(), "total=").flatMap(KernelNumber.uint64),
            line.nextField() == nil
        else { throw ParseError(line: lineNumber, "expected `avg10=N.NN avg60=N.NN avg300=N.NN total=N`") }
        return Pressure.Stall(avg10: avg10, avg60: avg60, avg300: avg300, totalUs: total)
    }

    private static func value(_ field: UnsafeBufferPointer<UInt8>?, _ name: StaticString)
        -> UnsafeBufferPointer<UInt8>?
    {
        field.flatMap { KernelKey.suffix(of: $0, after: name) }
    }
}
