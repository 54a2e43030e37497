import MemSense

/// Feeds arbitrary bytes to `Inflate.decode` as a raw deflate stream, with a 1 MiB output cap:
/// it may throw `GzipError`, never crash or exceed the cap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    var output: [UInt8] = []
    let limitBytes = 1 << 20
    let end = try? Inflate.decode(
        UnsafeBufferPointer(start: data, count: size), at: 0, into: &output, limitBytes: limitBytes)
    precondition(output.count <= limitBytes, "inflate wrote \(output.count) bytes past its cap")
    precondition(end.map { $0 <= size } ?? true, "inflate ended at \(end ?? 0), past the input's \(size) bytes")
    return 0
}
