/// A whole trace in memory: the header, the samples in recorded order and the labels sorted by
/// time (they may appear anywhere in the file). A truncated gzip fails here with the reader's
/// error; read with `TraceReader` to keep the lines before the cut.
public struct Trace: Sendable, Equatable {
    public var header: TraceHeader
    public var samples: [TraceSample]
    public var labels: [TraceLabel]

    public init(header: TraceHeader, samples: [TraceSample], labels: [TraceLabel]) {
        self.header = header
        self.samples = samples
        self.labels = labels
    }

    public init(path: String) throws(MemSenseError) {
        var reader = try TraceReader(path: path)
        try self.init(reading: &reader)
    }

    /// Reads every record of `reader`.
    public init(reading reader: inout TraceReader) throws(MemSenseError) {
        header = reader.header
        samples = []
        labels = []
        while let record = try reader.next() {
            switch record {
            case .sample(let sample): samples.append(sample)
            case .label(let label): labels.append(label)
            }
        }
        labels = labels.enumerated().sorted { ($0.element.tMs, $0.offset) < ($1.element.tMs, $1.offset) }.map(\.element)
    }
}
