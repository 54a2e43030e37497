import MemSense

/// Feeds arbitrary bytes to `ZoneInfo(parsing:)` (input like `        low      6131`): it may throw
/// `ParseError`, never crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = try? ZoneInfo(parsing: UnsafeBufferPointer(start: data, count: size))
    return 0
}
