import MemSense

/// Feeds arbitrary bytes to `TraceReader` as a trace (a header line, then sample and label
/// lines; gzip when it starts with the gzip magic) and reads every record: it may throw
/// `MemSenseError.malformed`, never crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard var reader = try? TraceReader(bytes: Array(UnsafeBufferPointer(start: data, count: size)), path: "fuzz")
    else { return 0 }
    while case .some(.some) = try? reader.next() {}
    return 0
}
