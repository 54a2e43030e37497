import MemSense

/// Feeds arbitrary bytes to `CPUStat` (input like `cpu  10132153 290696 3084719 46828483 16683 0 25195 0 0 0`),
/// both fresh and updating the state left by the previous input, as the sampler does every tick:
/// it may throw `ParseError`, never crash.
nonisolated(unsafe) private var previous = CPUStat()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    _ = try? CPUStat(parsing: bytes)
    try? previous.update(parsing: bytes)
    return 0
}
