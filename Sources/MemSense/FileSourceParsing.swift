extension FileSource {
    /// Reads `path` into `buffer` and parses it, so that every error names the file: a read
    /// error as `.unreadable`, a parse error as `.malformed` with its line.
    public func parse<Value>(
        _ path: String, into buffer: inout ReadBuffer,
        with parser: (UnsafeBufferPointer<UInt8>) throws(ParseError) -> Value
    ) throws(MemSenseError) -> Value {
        do {
            try read(path, into: &buffer)
        } catch {
            throw .unreadable(error)
        }
        do {
            return try buffer.withBytes { bytes throws(ParseError) in try parser(bytes) }
        } catch {
            throw error.at(path)
        }
    }
}
