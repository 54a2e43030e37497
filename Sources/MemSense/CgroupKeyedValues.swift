/// The `key value` lines of cgroup files: memory.stat, memory.events, memory.oom_control.
///
///     total_inactive_file 15753216
enum CgroupKeyedValues {
    /// Calls `body` with each key and its value; every value must be a non-negative number.
    static func forEach(
        in bytes: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>, UInt64) -> Void
    ) throws(ParseError) {
        var scanner = ByteScanner(bytes)
        while var line = scanner.nextLine() {
            guard let key = line.nextField() else { continue }
            guard let field = line.nextField(), let value = KernelNumber.uint64(field), line.nextField() == nil else {
                throw ParseError(line: scanner.lineNumber, "not a key and a non-negative number")
            }
            body(key, value)
        }
    }
}
