import MemSense

#if canImport(Glibc)
    import Glibc
#endif

/// The daemon's event log: every event as one JSON line with sorted keys, written to standard
/// output (journald keeps it) and, when a path is given, appended to that file.
///
/// The file gets one write(2) per line with O_APPEND, so a reader never sees two events
/// interleaved. It is rotated by size: FILE becomes FILE.1, FILE.1 becomes FILE.2, and so on up
/// to `keep` old files. A line cut short by a crash is closed with a newline before the next
/// event, so only the cut line is lost.
///
/// `write` never throws: a full disk, an unwritable file or a missing directory is reported on
/// standard error once (until a write succeeds again) and the daemon loop goes on. The file is
/// opened again on the next event, so logging resumes once the problem is fixed.
final class EventLog {
    /// Where the daemon appends events unless `--log` says otherwise.
    static let defaultPath = "/var/log/fastoomd/events.jsonl"

    /// When the file is rotated, and how many old files are kept.
    struct Rotation: Equatable, Sendable {
        /// A line that would take the file past this size starts a new file (default 10 MiB).
        /// A single line longer than this still gets written, alone in its file.
        var maxBytes: Int64 = 10 << 20
        /// Old files kept, FILE.1 (newest) to FILE.`keep` (oldest); at least 1 (default 3).
        var keep: Int = 3
    }

    let path: String?
    let rotation: Rotation
    private let toStandardOutput: Bool
    private let report: (String) -> Void
    private var file: PlainFile?
    /// Whether the file may end in the middle of a line: after opening it, and after a
    /// failed write (a full disk can take half a line).
    private var mayEndMidLine = true
    /// The last problem reported for writing, and for rotating; each is reported once until
    /// the same operation succeeds again.
    private var writeProblem: String?
    private var rotationProblem: String?

    init(
        path: String?, rotation: Rotation = Rotation(), toStandardOutput: Bool = true,
        report: @escaping (String) -> Void = Output.error
    ) {
        self.path = path
        self.rotation = Rotation(maxBytes: max(rotation.maxBytes, 1), keep: max(rotation.keep, 1))
        self.toStandardOutput = toStandardOutput
        self.report = report
    }

    /// The event as it appears in the log: one JSON object with sorted keys, ending in a newline.
    func line(_ event: Event) -> [UInt8]? {
        do {
            var bytes = try JSON.encode(event)
            bytes.append(UInt8(ascii: "\n"))
            return bytes
        } catch {
            note("event log: cannot encode a \(event.kind.rawValue) event: \(error)", in: &writeProblem)
            return nil
        }
    }

    func write(_ event: Event) {
        guard let line = line(event) else { return }
        if toStandardOutput { Output.write(line, to: STDOUT_FILENO) }
        guard let path else { return }
        do throws(FileWriteError) {
            try append(line, to: path)
            writeProblem = nil
        } catch {
            mayEndMidLine = true
            note("event log: \(error)", in: &writeProblem)
        }
    }

    private func append(_ line: [UInt8], to path: String) throws(FileWriteError) {
        var file = try openFile(path)
        // fstat of an open descriptor does not fail in practice; if it did, this line would
        // skip the rotation check rather than be lost.
        var sizeBytes = (try? file.status().sizeBytes) ?? 0
        if sizeBytes > 0, sizeBytes + Int64(line.count) > rotation.maxBytes {
            do throws(FileWriteError) {
                try rotate(path)
                rotationProblem = nil
            } catch {
                note("event log: rotation failed, still appending: \(error)", in: &rotationProblem)
            }
            file = try openFile(path)
            sizeBytes = (try? file.status().sizeBytes) ?? 0
        }
        let newline = UInt8(ascii: "\n")
        let needsLineBreak = mayEndMidLine && sizeBytes > 0 && lastByte(of: file, sizeBytes: sizeBytes) != newline
        let bytes = needsLineBreak ? [newline] + line : line
        try bytes.withUnsafeBufferPointer { (buffer) throws(FileWriteError) in try file.write(buffer) }
        mayEndMidLine = false
    }

    private func openFile(_ path: String) throws(FileWriteError) -> PlainFile {
        if let file { return file }
        let opened = try PlainFile(appendingTo: path)
        file = opened
        mayEndMidLine = true
        return opened
    }

    /// The last byte of the file, or nil when it cannot be read (then a newline is written
    /// first, which at worst leaves a blank line that readers skip).
    private func lastByte(of file: PlainFile, sizeBytes: Int64) -> UInt8? {
        var byte: UInt8 = 0
        let got = try? withUnsafeMutableBytes(of: &byte) { (buffer) throws(ReadError) in
            try file.read(into: buffer, at: sizeBytes - 1)
        }
        return got == 1 ? byte : nil
    }

    /// FILE.(keep-1) → FILE.keep, ..., FILE → FILE.1; the old FILE.keep is replaced and gone.
    /// The current file is closed first, so everything written to it is there before its
    /// rename (a follower drains it to the end once it sees a new FILE).
    private func rotate(_ path: String) throws(FileWriteError) {
        let closing = file
        file = nil
        try closing?.close()
        for index in stride(from: rotation.keep - 1, through: 1, by: -1) {
            do throws(FileWriteError) {
                try PlainFile.rename("\(path).\(index)", to: "\(path).\(index + 1)")
            } catch {
                guard error.errno == ENOENT else { throw error }  // no FILE.n yet: nothing to shift
            }
        }
        try PlainFile.rename(path, to: path + ".1")
    }

    private func note(_ problem: String, in slot: inout String?) {
        guard slot != problem else { return }
        slot = problem
        report(problem)
    }
}
