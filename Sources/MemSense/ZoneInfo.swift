/// The memory zones' watermarks from /proc/zoneinfo, which estimating MemAvailable on kernels
/// before 3.14 needs.
///
/// Each zone has a line such as `        low      14780` (pages) under its
/// `Node 0, zone    DMA32` header; the other lines are skipped.
public struct ZoneInfo: Sendable, Equatable {
    /// The sum of every zone's low watermark, in pages.
    public var lowWatermarkPages: UInt64 = 0
    /// How many zones had a low watermark.
    public var zoneCount = 0

    public init(parsing bytes: UnsafeBufferPointer<UInt8>) throws(ParseError) {
        var scanner = ByteScanner(bytes)
        while var line = scanner.nextLine() {
            guard let key = line.nextField(), KernelNumber.field(key, equals: "low") else { continue }
            guard let field = line.nextField(), let pages = KernelNumber.uint64(field), line.nextField() == nil else {
                throw ParseError(line: scanner.lineNumber, "expected `low <pages>`")
            }
            let (sum, overflow) = lowWatermarkPages.addingReportingOverflow(pages)
            guard !overflow else { throw ParseError(line: scanner.lineNumber, "watermark sum exceeds 2^64") }
            lowWatermarkPages = sum
            zoneCount += 1
        }
        guard zoneCount > 0 else { throw ParseError(line: 0, "no zone has a `low` watermark line") }
    }
}
