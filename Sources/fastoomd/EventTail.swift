import MemSense

/// `fastoomd events`: the events of a log from its start, then, when following, the events
/// written after, across rotations.
///
/// Following polls: each `poll` reads what was appended, then looks at what the path names
/// now. Another file there (the writer renamed FILE to FILE.1 and opened a new FILE) means a
/// rotation: the old file, still open here, is read to its end, then the new one from its
/// start. A file shorter than what was read was truncated in place and is read again from its
/// start. No path there (between the rename and the new file) means wait.
///
/// Two rotations between polls would skip the middle file; at 200 ms polls and 10 MiB files
/// that needs 100 MB of events in a fraction of a second.
final class EventTail {
    let path: String
    /// Only events at or after this wall-clock time (Unix ms) are shown.
    let sinceMs: Int64?
    private let report: (String) -> Void
    private var reader: EventLogReader?

    init(path: String, sinceMs: Int64? = nil, report: @escaping (String) -> Void = Output.error) {
        self.path = path
        self.sinceMs = sinceMs
        self.report = report
    }

    /// Prints the log with `emit`. Without `follow`, reads it to its end once; a missing file
    /// is an error. With `follow`, calls `wait` after each poll and goes on while it returns
    /// true; a missing file is waited for.
    func run(follow: Bool, wait: () -> Bool, _ emit: (LoggedEvent) -> Void) throws(ReadError) {
        if !follow { reader = try EventLogReader(path: path) }
        repeat {
            try poll(emit)
        } while follow && wait()
        if !follow { reader?.reportUnfinishedLine(report) }
    }

    /// Emits the events appended since the last poll, switching files after a rotation.
    func poll(_ emit: (LoggedEvent) -> Void) throws(ReadError) {
        if reader == nil { reader = try openIfPresent() }
        guard var current = reader else { return }
        try read(&current, emit)
        guard let now = try? PlainFile.status(of: path) else {
            reader = current
            return
        }
        if !now.isSameFile(as: current.identity) {
            try read(&current, emit)
            current.reportUnfinishedLine(report)
            reader = nil
            guard var next = try openIfPresent() else { return }
            try read(&next, emit)
            reader = next
        } else if now.sizeBytes < current.offsetBytes {
            current.restart()
            try read(&current, emit)
            reader = current
        } else {
            reader = current
        }
    }

    private func openIfPresent() throws(ReadError) -> EventLogReader? {
        do throws(ReadError) {
            return try EventLogReader(path: path)
        } catch .notFound {
            return nil
        }
    }

    private func read(_ reader: inout EventLogReader, _ emit: (LoggedEvent) -> Void) throws(ReadError) {
        try reader.readAppended(report: report) { logged in
            if let sinceMs, logged.event.wallMs < sinceMs { return }
            emit(logged)
        }
    }
}
