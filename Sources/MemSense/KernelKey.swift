/// The key of a `key value` line of /proc/meminfo or /proc/vmstat, checked and compared as bytes.
enum KernelKey {
    /// Whether every byte of `field` is printable ASCII other than a space, as in every key the
    /// kernel writes (`Active(file):`, `pgscan_kswapd`). Rejects binary garbage and non-UTF-8
    /// bytes, which an unknown-key rule would otherwise skip silently.
    static func isPrintable(_ field: UnsafeBufferPointer<UInt8>) -> Bool {
        !field.isEmpty && field.allSatisfy { $0 > 0x20 && $0 < 0x7F }
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
