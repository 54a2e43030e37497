/// Writes a trace in the format of FORMAT.md: the header line, then sample and label lines,
/// gzip-compressed when the path ends in `.gz`. `close()` must be called to finish the file;
/// until then a `.gz` trace ends with a truncated stream, which `TraceReader` reads up to the cut.
///
/// Lines are JSON objects whose keys are written in sorted order; strings escape quotes,
/// backslashes and control characters and keep everything else as UTF-8.
public final class TraceWriter {
    private let file: PlainFile
    private var gzip: GzipWriter?
    private var line = JSONLine()

    public init(path: String, header: TraceHeader) throws(FileWriteError) {
        file = try PlainFile(creating: path)
        gzip = path.hasSuffix(".gz") ? GzipWriter() : nil
        line.add("benign", literal: header.isBenign ? "true" : "false")
        line.add("fastoomd_trace", Int64(header.version))
        line.add("interval_ms", header.intervalMs)
        line.add("kernel", header.kernel)
        if let limit = header.memLimitBytes { line.add("mem_limit_bytes", literal: String(limit)) }
        line.add("notes", header.notes)
        line.add("scenario", header.scenario)
        line.add("target", header.target.rawValue)
        try writeLine()
    }

    public func write(_ sample: TraceSample) throws(FileWriteError) {
        line.beginObject("files")
        for (path, text) in sample.files.sorted(by: { $0.key < $1.key }) { line.add(path, text) }
        line.endObject()
        line.add("t_ms", sample.tMs)
        try writeLine()
    }

    public func write(_ label: TraceLabel) throws(FileWriteError) {
        switch label.event {
        case .kernelOOMKill(let pid, let name):
            line.add("label", label.kind)
            line.add("name", name)
            line.add("pid", Int64(pid))
        case .stall(let endMs, let name, let maxLateMs):
            line.add("end_ms", endMs)
            line.add("label", label.kind)
            line.add("max_late_ms", maxLateMs)
            line.add("name", name)
        case .daemonKill(let pid, let name, let by):
            line.add("by", by)
            line.add("label", label.kind)
            line.add("name", name)
            line.add("pid", Int64(pid))
        }
        line.add("t_ms", label.tMs)
        try writeLine()
    }

    /// Finishes the gzip stream, if any, and closes the file.
    public func close() throws(FileWriteError) {
        if var stream = gzip.take() {
            stream.finish()
            try write(stream.takeOutput())
        }
        try file.close()
    }

    private func writeLine() throws(FileWriteError) {
        let bytes = line.finish()
        guard var stream = gzip.take() else { return try write(bytes) }
        bytes.withUnsafeBufferPointer { stream.append($0) }
        let compressed = stream.takeOutput()
        gzip = stream
        try write(compressed)
    }

    private func write(_ bytes: [UInt8]) throws(FileWriteError) {
        guard !bytes.isEmpty else { return }
        try bytes.withUnsafeBufferPointer { (buffer) throws(FileWriteError) in try file.write(buffer) }
    }
}

/// Builds one JSON object line; the caller adds keys in sorted order.
private struct JSONLine {
    private var bytes: [UInt8] = [UInt8(ascii: "{")]
    private var needsComma = false

    mutating func add(_ key: String, _ text: String) {
        addKey(key)
        JSONWriter.append(string: text, to: &bytes)
    }

    mutating func add(_ key: String, _ number: Int64) {
        add(key, literal: String(number))
    }

    mutating func add(_ key: String, literal: String) {
        addKey(key)
        bytes += literal.utf8
    }

    mutating func beginObject(_ key: String) {
        addKey(key)
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
    }

    mutating func endObject() {
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// The line with its closing brace and newline; the builder starts a new line.
    mutating func finish() -> [UInt8] {
        bytes += [UInt8(ascii: "}"), UInt8(ascii: "\n")]
        defer { self = JSONLine() }
        return bytes
    }

    private mutating func addKey(_ key: String) {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = true
        JSONWriter.append(string: key, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
    }
}
