import MemSense

/// Feeds arbitrary bytes to `MemInfo(parsing:)`, whole and through MemAvailable (input like `MemAvailable:   24305952 kB`): it may throw
/// `ParseError`, never crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    _ = try? MemInfo(parsing: bytes)
    _ = try? MemInfo(parsing: bytes, through: .memFree)
    return 0
}
