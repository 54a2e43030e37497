/// The fields of /proc/PID/status that victim selection needs, memory in bytes:
///
///     Name:	python3
///     PPid:	16937
///     Uid:	0	0	0	0
///     NSpid:	23819	1
///     Kthread:	0
///     VmRSS:	   79164 kB
///     RssAnon:	   72456 kB
///
/// Kernel threads and zombies have no `Vm*`/`Rss*` lines; `Kthread:` exists from 6.4 on;
/// `NSpid:` from 4.1 on. Unknown lines are skipped, blank lines tolerated.
public struct ProcessStatus: Sendable, Equatable {
    /// The name as status writes it: escaped (`ab\ncd` for a comm with a newline).
    public var name: String
    public var parentPID: Int32
    /// The real UID, the first of the four `Uid:` fields.
    public var uid: UInt32
    /// The pid in the innermost pid namespace (the last `NSpid:` field); nil before 4.1.
    public var namespacePID: Int32?
    /// The `Kthread:` flag; nil on kernels before 6.4, which do not write it.
    public var isKernelThread: Bool?
    /// Whether the process has an address space (a `VmRSS:` line): false for kernel threads
    /// and zombies.
    public var hasAddressSpace: Bool
    public var residentBytes: UInt64
    public var residentAnonBytes: UInt64
    public var residentFileBytes: UInt64
    public var residentShmemBytes: UInt64
    public var swapBytes: UInt64

    public init(parsing bytes: UnsafeBufferPointer<UInt8>) throws(ParseError) {
        var name: String?
        var parentPID: Int32?
        var uid: UInt32?
        namespacePID = nil
        isKernelThread = nil
        hasAddressSpace = false
        residentBytes = 0
        residentAnonBytes = 0
        residentFileBytes = 0
        residentShmemBytes = 0
        swapBytes = 0
        var scanner = ByteScanner(bytes)
        while var line = scanner.nextLine() {
            guard let key = line.nextField() else { continue }
            let number = scanner.lineNumber
            if KernelNumber.field(key, equals: "Name:") {
                name = String(decoding: line.rest(), as: UTF8.self)
            } else if KernelNumber.field(key, equals: "PPid:") {
                parentPID = try Self.pid(line.nextField(), line: number)
            } else if KernelNumber.field(key, equals: "Uid:") {
                guard let field = line.nextField(), let real = KernelNumber.uint64(field), real <= UInt32.max else {
                    throw ParseError(line: number, "Uid: does not start with a uid")
                }
                uid = UInt32(real)
            } else if KernelNumber.field(key, equals: "NSpid:") {
                var last: UnsafeBufferPointer<UInt8>?
                while let field = line.nextField() { last = field }
                namespacePID = try Self.pid(last, line: number)
            } else if KernelNumber.field(key, equals: "Kthread:") {
                isKernelThread = try Self.pid(line.nextField(), line: number) == 1
            } else if KernelNumber.field(key, equals: "VmRSS:") {
                residentBytes = try Self.kilobytes(&line, line: number)
                hasAddressSpace = true
            } else if KernelNumber.field(key, equals: "RssAnon:") {
                residentAnonBytes = try Self.kilobytes(&line, line: number)
            } else if KernelNumber.field(key, equals: "RssFile:") {
                residentFileBytes = try Self.kilobytes(&line, line: number)
            } else if KernelNumber.field(key, equals: "RssShmem:") {
                residentShmemBytes = try Self.kilobytes(&line, line: number)
            } else if KernelNumber.field(key, equals: "VmSwap:") {
                swapBytes = try Self.kilobytes(&line, line: number)
            }
        }
        guard let name, let parentPID, let uid else { throw ParseError(line: 0, "no Name:, PPid: or Uid: line") }
        self.name = name
        self.parentPID = parentPID
        self.uid = uid
    }

    private static func pid(_ field: UnsafeBufferPointer<UInt8>?, line: Int) throws(ParseError) -> Int32 {
        guard let field, let value = ProcessStat.int32(field) else { throw ParseError(line: line, "not a pid") }
        return value
    }

    /// `   3016 kB` in bytes.
    private static func kilobytes(_ line: inout ByteLine, line number: Int) throws(ParseError) -> UInt64 {
        guard let field = line.nextField(), let kilobytes = KernelNumber.uint64(field),
            let unit = line.nextField(), KernelNumber.field(unit, equals: "kB")
        else { throw ParseError(line: number, "not a size in kB") }
        let (bytes, overflow) = kilobytes.multipliedReportingOverflow(by: 1024)
        guard !overflow else { throw ParseError(line: number, "size overflows 64 bits") }
        return bytes
    }
}
