/// Files that hold one number and a newline: `/proc/PID/oom_score` (`666`),
/// `/proc/PID/oom_score_adj` (`-1000`), cgroup v1 `memory.usage_in_bytes` (`65572864`),
/// `memory.failcnt` (`85`), cgroup v2 `memory.current` (`9125888`).
public enum SingleValue {
    /// The one non-negative number of the file.
    public static func uint64(parsing bytes: UnsafeBufferPointer<UInt8>) throws(ParseError) -> UInt64 {
        let field = try onlyField(bytes)
        guard let value = KernelNumber.uint64(field) else { throw ParseError(line: 1, "not a non-negative number") }
        return value
    }

    /// The one signed number of the file.
    public static func int64(parsing bytes: UnsafeBufferPointer<UInt8>) throws(ParseError) -> Int64 {
        let field = try onlyField(bytes)
        guard let value = KernelNumber.int64(field) else { throw ParseError(line: 1, "not a number") }
        return value
    }

    /// The only field of the first line; the file must hold nothing else.
    static func onlyField(_ bytes: UnsafeBufferPointer<UInt8>) throws(ParseError) -> UnsafeBufferPointer<UInt8> {
        var scanner = ByteScanner(bytes)
        guard var line = scanner.nextLine(), let field = line.nextField() else {
            throw ParseError(line: 0, "empty file")
        }
        guard line.nextField() == nil else { throw ParseError(line: 1, "more than one value") }
        while let extra = scanner.nextLine() {
            guard extra.isBlank else { throw ParseError(line: scanner.lineNumber, "more than one line") }
        }
        return field
    }
}
