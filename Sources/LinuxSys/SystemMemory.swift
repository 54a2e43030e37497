import CLinuxSys
import Glibc

/// The node's free and total memory, from the kernel's counters without /proc/meminfo: the same
/// numbers as its MemFree and MemTotal lines, at a tenth of the cost, because the kernel does not
/// gather and format the fifty other lines. A calm tick reads it once a second.
public struct SystemMemory: Equatable, Sendable {
    public let freeBytes: UInt64
    public let totalBytes: UInt64

    /// The figures now. The corresponding C function is `sysinfo`, which fails only for a bad
    /// pointer.
    public static func current() -> SystemMemory {
        var info = sysinfo()
        _ = system_sysinfo(&info)
        // The counts are in units of `mem_unit` bytes, 1 unless the bytes would not fit.
        let unit = UInt64(max(1, info.mem_unit))
        func bytes(_ count: UInt) -> UInt64 {
            let (product, overflow) = UInt64(count).multipliedReportingOverflow(by: unit)
            return overflow ? .max : product
        }
        return SystemMemory(freeBytes: bytes(info.freeram), totalBytes: bytes(info.totalram))
    }
}
