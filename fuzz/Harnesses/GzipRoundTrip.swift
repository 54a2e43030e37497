import MemSense

/// Compresses arbitrary bytes with `GzipWriter` and decompresses them with `GzipReader`: the
/// result must be the input, whatever the input.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeBufferPointer(start: data, count: size)
    var writer = GzipWriter()
    writer.append(input)
    writer.finish()
    let compressed = writer.takeOutput()
    let decoded = try? compressed.withUnsafeBufferPointer { (bytes) throws(GzipError) in
        try GzipReader.decompress(bytes)
    }
    precondition(decoded.map { $0.elementsEqual(input) } ?? false, "gzip round trip changed \(size) bytes")
    return 0
}
