import LinuxSys

/// The metrics file (`--metrics FILE`, `daemon.metrics_path`): rendered every tick, replaced
/// atomically only when its text changed. Two buffers are kept and swapped, so that neither the
/// rendering nor the comparison allocates once they have grown to size.
struct MetricsFile {
    let file: ReplacedFile
    private var rendered: [UInt8] = []
    private var written: [UInt8] = []
    private var hasWritten = false

    init(path: String, isSynced: Bool = false) {
        file = ReplacedFile(path: path, isSynced: isSynced)
        rendered.reserveCapacity(4096)
    }

    /// Renders `metrics` and replaces the file if the text differs from the last one written.
    /// Returns whether it wrote. After a failed write the next call tries again.
    @discardableResult
    mutating func update(with metrics: Metrics) throws(LinuxSysError) -> Bool {
        MetricsText.render(metrics, into: &rendered)
        if hasWritten && written == rendered { return false }
        try rendered.withUnsafeBufferPointer { (bytes) throws(LinuxSysError) in try file.replace(with: bytes) }
        swap(&written, &rendered)
        hasWritten = true
        return true
    }
}
