import MemSense

/// Feeds arbitrary bytes to `MemInfo(parsing:)` (input like `MemAvailable:   24305952 kB`): it may throw
/// `ParseError`, never crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = try? MemInfo(parsing: UnsafeBufferPointer(start: data, count: size))
    return 0
}
