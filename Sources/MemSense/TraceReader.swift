/// Reads a trace (.jsonl, or .jsonl.gz recognised by its magic bytes): the header at once, then
/// samples and labels one by one in file order with `next()`.
///
/// Errors are `MemSenseError`: `.unreadable` when the file cannot be read, otherwise
/// `.malformed` with the trace's path and the 1-based line (`trace.jsonl.gz:412: ...`).
///
/// A gzip stream cut short (a recorder killed mid-write) is not thrown away: `next()` yields
/// every complete line decoded before the cut, then throws `truncated gzip stream at byte N`
/// on the line that was cut. Any other gzip damage (CRC, invalid codes) fails at `init`, since
/// none of the decoded text can be trusted.
public struct TraceReader {
    public enum Record: Sendable, Equatable {
        case sample(TraceSample)
        case label(TraceLabel)
    }

    /// A trace file is refused beyond this size, compressed or not; recordings are a few MB.
    public static let limitBytes = 256 << 20

    public let path: String
    public let header: TraceHeader
    private var lines: Lines
    /// The truncation that ended the gzip stream, reported after its last complete line.
    private let truncation: GzipError?
    private var lastSampleMs: Int64 = -1

    public init(path: String) throws(MemSenseError) {
        let bytes: [UInt8]
        do {
            bytes = try PlainFile.contents(of: path, limitBytes: Self.limitBytes)
        } catch {
            throw .unreadable(error)
        }
        try self.init(bytes: bytes, path: path)
    }

    /// Reads a trace held in memory; `path` only names it in errors.
    public init(bytes: [UInt8], path: String) throws(MemSenseError) {
        self.path = path
        var truncation: GzipError?
        if bytes.starts(with: [0x1F, 0x8B]) {
            var decoded: [UInt8] = []
            do {
                try bytes.withUnsafeBufferPointer { (input) throws(GzipError) in
                    try GzipReader.decompress(input, into: &decoded, limitBytes: Self.limitBytes)
                }
            } catch .truncated(let offset) {
                truncation = .truncated(offset: offset)
                decoded.removeSubrange((decoded.lastIndex(of: 10).map { $0 + 1 } ?? 0)...)
            } catch {
                throw .malformed(path: path, line: 0, reason: error.description)
            }
            lines = Lines(text: decoded)
        } else {
            lines = Lines(text: bytes)
        }
        self.truncation = truncation
        header = try Self.header(of: &lines, path: path, truncation: truncation)
    }

    /// The 1-based line of the record `next()` returned last (1 before the first: the header), so
    /// that what a caller finds wrong in a sample's files can name the trace line too.
    public var lineNumber: Int { lines.number }

    /// The next sample or label, or nil after the last line.
    public mutating func next() throws(MemSenseError) -> Record? {
        guard let line = lines.next() else {
            if let truncation {
                throw .malformed(path: path, line: lines.number + 1, reason: truncation.description)
            }
            return nil
        }
        let fields = try Self.decode(TraceLine.self, from: line, at: lines.number, of: path)
        if let kind = fields.label { return .label(try label(kind, fields)) }
        guard let files = fields.files, let tMs = fields.tMs else {
            throw malformed("neither a sample (t_ms, files) nor a label")
        }
        guard tMs >= lastSampleMs else { throw malformed("t_ms \(tMs) goes back from \(lastSampleMs)") }
        lastSampleMs = tMs
        return .sample(TraceSample(tMs: tMs, files: files))
    }

    private static func header(
        of lines: inout Lines, path: String, truncation: GzipError?
    ) throws(MemSenseError) -> TraceHeader {
        guard let line = lines.next() else {
            throw .malformed(path: path, line: 1, reason: truncation?.description ?? "empty trace, no header line")
        }
        let version = try decode(VersionProbe.self, from: line, at: 1, of: path).version
        guard let version else {
            throw .malformed(path: path, line: 1, reason: "not a fastoomd trace: the header has no fastoomd_trace key")
        }
        guard version == TraceHeader.supportedVersion else {
            throw .malformed(
                path: path, line: 1,
                reason: "trace format version \(version) is not supported (this build reads "
                    + "\(TraceHeader.supportedVersion))")
        }
        return try decode(TraceHeader.self, from: line, at: 1, of: path)
    }

    private func label(_ kind: String, _ fields: TraceLine) throws(MemSenseError) -> TraceLabel {
        guard let tMs = fields.tMs else { throw malformed("label without t_ms") }
        let event: TraceLabel.Event? =
            switch kind {
            case "kernel_oom_kill":
                fields.pid.flatMap { pid in fields.name.map { .kernelOOMKill(pid: pid, name: $0) } }
            case "stall":
                fields.endMs.flatMap { endMs in
                    fields.maxLateMs.map { .stall(endMs: endMs, name: fields.name ?? "", maxLateMs: $0) }
                }
            case "daemon_kill":
                fields.pid.flatMap { pid in
                    fields.name.flatMap { name in fields.by.map { .daemonKill(pid: pid, name: name, by: $0) } }
                }
            default:
                throw malformed("unknown label \"\(kind)\"")
            }
        guard let event else { throw malformed("\(kind) label lacks one of its fields") }
        return TraceLabel(tMs: tMs, event: event)
    }

    private static func decode<T: Decodable>(
        _ type: T.Type, from line: ArraySlice<UInt8>, at number: Int, of path: String
    ) throws(MemSenseError) -> T {
        do {
            return try JSON.decode(type, from: line)
        } catch let error as DecodingError {
            throw .malformed(path: path, line: number, reason: reason(error))
        } catch {
            throw .malformed(path: path, line: number, reason: "\(error)")
        }
    }

    private func malformed(_ reason: String) -> MemSenseError {
        .malformed(path: path, line: lines.number, reason: reason)
    }

    /// A one-line account of a decoding failure: what is wrong and at which JSON key.
    private static func reason(_ error: DecodingError) -> String {
        func keyPath(_ context: DecodingError.Context) -> String {
            context.codingPath.map(\.stringValue).joined(separator: ".")
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = keyPath(context)
            return "missing key \(parent.isEmpty ? "" : parent + ".")\(key.stringValue)"
        case .typeMismatch(let type, let context), .valueNotFound(let type, let context):
            return "\(keyPath(context)) is not a \(type)"
        case .dataCorrupted(let context):
            let key = keyPath(context)
            return (key.isEmpty ? "not a JSON object" : "bad value at \(key)") + ": " + context.debugDescription
        @unknown default:
            return "\(error)"
        }
    }
}

/// The lines of the decoded text, split on newlines, numbered from 1.
private struct Lines {
    let text: [UInt8]
    private var position = 0
    private(set) var number = 0

    init(text: [UInt8]) {
        self.text = text
    }

    mutating func next() -> ArraySlice<UInt8>? {
        guard position < text.count else { return nil }
        let end = text[position...].firstIndex(of: 10) ?? text.count
        defer { position = end + 1 }
        number += 1
        return text[position..<end]
    }
}

/// Every field a sample or label line may hold, decoded in one pass and then sorted out.
private struct TraceLine: Decodable {
    var tMs: Int64?
    var files: [String: String]?
    var label: String?
    var pid: Int32?
    var name: String?
    var endMs: Int64?
    var maxLateMs: Int64?
    var by: String?

    enum CodingKeys: String, CodingKey {
        case tMs = "t_ms"
        case files, label, pid, name
        case endMs = "end_ms"
        case maxLateMs = "max_late_ms"
        case by
    }
}

/// Only the version of a header line, read before the rest so that a newer format is refused
/// with its version rather than with whatever field it renamed.
private struct VersionProbe: Decodable {
    var version: Int?

    enum CodingKeys: String, CodingKey {
        case version = "fastoomd_trace"
    }
}
