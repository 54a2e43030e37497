import MemSense
import TestSupport

/// Reads node-level fixture files and runs the pure parsers on their bytes.
enum NodeFixture {
    /// The bytes of `path` (e.g. `proc/meminfo`) in `Tests/Fixtures/kernel/<source>/<variant>`.
    static func bytes(_ source: String, _ variant: String, _ path: String) throws -> [UInt8] {
        try DirectorySource(root: FixturePaths.kernelVariant(source, variant)).contents(of: path)
    }

    /// `parse` applied to `bytes`, as a reader would call it.
    static func parse<Value>(
        _ bytes: [UInt8], _ parse: (UnsafeBufferPointer<UInt8>) throws(ParseError) -> Value
    ) throws(ParseError) -> Value {
        try bytes.withUnsafeBufferPointer { buffer throws(ParseError) in try parse(buffer) }
    }

    /// `parse` applied to the UTF-8 bytes of `text`, for inputs a test spells out.
    static func parse<Value>(
        text: String, _ parse: (UnsafeBufferPointer<UInt8>) throws(ParseError) -> Value
    ) throws(ParseError) -> Value {
        try self.parse(Array(text.utf8), parse)
    }
}
