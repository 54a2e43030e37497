import MemSense

/// One event as the log holds it: the value decoded with the type that wrote it, and the line
/// it was decoded from (what `fastoomd events --json` prints).
struct LoggedEvent: Equatable, Sendable {
    let event: Event
    let line: String
}

/// Reads one event log file from its start, and again after it grows: each call decodes the
/// complete lines appended since the last one.
///
/// A line that is not an event (garbage, a line cut by a crash and closed by the writer, an
/// event kind from a newer fastoomd) is skipped with a one-line notice naming the file and
/// line. A last line without its newline is held back until the rest of it is written.
struct EventLogReader {
    let path: String
    /// The file this reader has open; the path may name another one after a rotation.
    let identity: FileStatus
    private let file: PlainFile
    /// How far the file has been read, including the held-back partial line.
    private(set) var offsetBytes: Int64 = 0
    private var partialLine: [UInt8] = []
    private var lineNumber = 0
    private var chunk = [UInt8](repeating: 0, count: 64 * 1024)

    init(path: String) throws(ReadError) {
        self.path = path
        file = try PlainFile(readingFrom: path)
        identity = try file.status()
    }

    /// Decodes every complete line appended since the last call, in order.
    mutating func readAppended(report: (String) -> Void, _ emit: (LoggedEvent) -> Void) throws(ReadError) {
        while true {
            let got = try chunk.withUnsafeMutableBytes { buffer in
                Result { () throws(ReadError) in try file.read(into: buffer, at: offsetBytes) }
            }.get()
            if got == 0 { return }
            offsetBytes += Int64(got)
            partialLine.append(contentsOf: chunk[..<got])
            guard let lastNewline = partialLine.lastIndex(of: UInt8(ascii: "\n")) else { continue }
            partialLine.withUnsafeBufferPointer { bytes in
                var scanner = ByteScanner(UnsafeBufferPointer(rebasing: bytes[...lastNewline]))
                while let line = scanner.nextLine() {
                    lineNumber += 1
                    decode(line, report: report, emit)
                }
            }
            partialLine.removeSubrange(...lastNewline)
        }
    }

    /// Starts again from the first byte, for a file that was truncated in place.
    mutating func restart() {
        offsetBytes = 0
        partialLine.removeAll()
        lineNumber = 0
    }

    /// Reports a held-back partial line when no more is coming: the log is read without
    /// `--follow`, or the file was rotated away with the line unfinished (a crash).
    func reportUnfinishedLine(_ report: (String) -> Void) {
        guard !partialLine.isEmpty else { return }
        report("\(path):\(lineNumber + 1): skipped an unfinished last line (\(partialLine.count) bytes)")
    }

    private func decode(_ line: ByteLine, report: (String) -> Void, _ emit: (LoggedEvent) -> Void) {
        guard !line.isBlank else { return }
        do {
            let event = try JSON.decode(Event.self, from: line.bytes)
            emit(LoggedEvent(event: event, line: String(decoding: line.bytes, as: UTF8.self)))
        } catch {
            report("\(path):\(lineNumber): skipped a line that is not an event (\(Self.reason(error)))")
        }
    }

    /// A short reason for a decoding failure: the missing key or the path of the bad value.
    private static func reason(_ error: any Error) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map(\.stringValue).joined(separator: ".")
        }
        switch error as? DecodingError {
        case .keyNotFound(let key, let context):
            let parent = path(context)
            return "no \"\(parent.isEmpty ? "" : parent + ".")\(key.stringValue)\""
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "bad value at \"\(path(context))\""
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "not JSON" : "bad value at \"\(path(context))\""
        default:
            return "\(error)"
        }
    }
}
