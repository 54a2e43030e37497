import MemSense

/// Feeds arbitrary bytes to `SingleValue` (one-number files such as /proc/PID/oom_score_adj,
/// e.g. `-1000`), as unsigned and as signed: it may throw `ParseError`, never crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    _ = try? SingleValue.uint64(parsing: bytes)
    _ = try? SingleValue.int64(parsing: bytes)
    return 0
}
