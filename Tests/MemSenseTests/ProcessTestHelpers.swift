import MemSense
import TestSupport

/// Runs a parser over text, as a test input.
func parse<Value>(
    _ text: String, _ parser: (UnsafeBufferPointer<UInt8>) throws(ParseError) -> Value
) throws(ParseError) -> Value {
    try Array(text.utf8).withUnsafeBufferPointer { bytes throws(ParseError) in try parser(bytes) }
}

/// Runs a parser over a file of a kernel fixture variant, e.g. `("local-6.18", "idle-shell", "proc/15198/stat")`.
func parse<Value>(
    fixture source: String, _ variant: String, _ path: String,
    _ parser: (UnsafeBufferPointer<UInt8>) throws(ParseError) -> Value
) throws -> Value {
    let bytes = try fixtureSource(source, variant).contents(of: path)
    return try bytes.withUnsafeBufferPointer { bytes throws(ParseError) in try parser(bytes) }
}

/// A directory source rooted at a kernel fixture variant.
func fixtureSource(_ source: String, _ variant: String) -> DirectorySource {
    DirectorySource(root: FixturePaths.kernelVariant(source, variant))
}
