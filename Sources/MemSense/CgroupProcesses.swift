/// The processes of a cgroup: its `cgroup.procs` (v1 and v2), one thread-group id per line,
/// in no particular order:
///
/// ```
/// 4127
/// 4130
/// ```
public enum CgroupProcesses {
    /// The pids of `cgroup.procs`; empty for an empty group.
    public static func pids(parsing bytes: UnsafeBufferPointer<UInt8>) throws(ParseError) -> [Int32] {
        var scanner = ByteScanner(bytes)
        var pids: [Int32] = []
        while var line = scanner.nextLine() {
            guard let field = line.nextField() else { continue }
            guard let pid = KernelNumber.int64(field), pid > 0, pid <= Int64(Int32.max), line.nextField() == nil else {
                throw ParseError(line: scanner.lineNumber, "not a pid")
            }
            pids.append(Int32(pid))
        }
        return pids
    }

    /// The pids of the cgroup whose directory is `directory` (a source path such as
    /// `sys/fs/cgroup/memory/kubepods/pod1`). A removed group throws an error whose `isGone` is true.
    public static func pids(in directory: String, source: any FileSource) throws(MemSenseError) -> [Int32] {
        var buffer = ReadBuffer(capacity: 4096)
        return try source.parse(directory + "/cgroup.procs", into: &buffer, with: pids(parsing:))
    }
}
