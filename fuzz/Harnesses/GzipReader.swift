import MemSense

/// Feeds arbitrary bytes to `GzipReader.decompress` (input: a .jsonl.gz trace), with a 1 MiB
/// output cap: it may throw `GzipError`, never crash or exceed the cap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var output: [UInt8] = []
    let limitBytes = 1 << 20
    try? GzipReader.decompress(UnsafeBufferPointer(start: data, count: size), into: &output, limitBytes: limitBytes)
    precondition(output.count <= limitBytes, "gzip wrote \(output.count) bytes past its cap")
    return 0
}
