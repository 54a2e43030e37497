/// The key of a `key value` line of /proc/meminfo or /proc/vmstat, checked and compared as bytes.
enum KernelKey {
    /// Whether every byte of `field` is printable ASCII other than a space, as in every key the
    /// kernel writes (`Active(file):`, `pgscan_kswapd`). Rejects binary garbage and non-UTF-8
    /// bytes, which an unknown-key rule would otherwise skip silently.
    static func isPrintable(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        !field.isEmpty && field.allSatisfy { $0 > 0x20 && $0 < 0x7F }
    }

    /// Whether every byte of `bytes` is printable ASCII, a space, a tab, a carriage return or a
    /// newline. When a whole file is, each of its keys is printable, and its parser can skip
    /// `isPrintable` on every line: a loop per key costs a branch miss per line, a fifth of a
    /// /proc/vmstat parse, where this one loop over the file runs many bytes at a time.
    static func isPlainText(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        // Bitwise rather than `&&` and `||`, and no early exit, so that the loop vectorises.
        var isAllowed: UInt8 = 1
        for byte in bytes {
            let isPrintable: UInt8 = byte &- 0x20 < 0x5F ? 1 : 0
            let isSeparator: UInt8 = (byte == 0x09 ? 1 : 0) | (byte == 0x0A ? 1 : 0) | (byte == 0x0D ? 1 : 0)
            isAllowed &= isPrintable | isSeparator
        }
        return isAllowed == 1
    }

    /// The bytes of `field` after `prefix`, or nil when `field` does not start with it.
    static func suffix(of field: UnsafeBufferPointer<UInt8>, after prefix: StaticString) -> UnsafeBufferPointer<UInt8>?
    {
        let count = prefix.utf8CodeUnitCount
        guard field.count >= count,
            KernelNumber.field(UnsafeBufferPointer(rebasing: field[..<count]), equals: prefix)
        else { return nil }
        return UnsafeBufferPointer(rebasing: field[count...])
    }
}
