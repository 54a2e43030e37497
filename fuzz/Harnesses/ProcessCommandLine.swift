import MemSense

/// Feeds arbitrary bytes to `ProcessCommandLine.arguments(parsing:)` (/proc/PID/cmdline,
/// NUL-separated, e.g. `sleep\0600\0`): it never throws, and must never crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = ProcessCommandLine.arguments(parsing: UnsafeBufferPointer(start: data, count: size))
    return 0
}
