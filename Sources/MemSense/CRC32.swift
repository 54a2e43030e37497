/// The CRC-32 of gzip (RFC 1952, polynomial 0xEDB88320, reflected), which checks every member's
/// uncompressed bytes and, with FHCRC, its header.
public struct CRC32: Sendable, Equatable {
    /// The checksum of everything given to `update(_:)` so far.
    public private(set) var value: UInt32 = 0

    public init() {}

    public mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) {
        var crc = ~value
        for byte in bytes {
            crc = Self.table[Int(UInt8(truncatingIfNeeded: crc) ^ byte)] ^ (crc >> 8)
        }
        value = ~crc
    }

    /// The checksum of `bytes` alone.
    public static func checksum(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        var crc = CRC32()
        crc.update(bytes)
        return crc.value
    }

    private static let table: [UInt32] = (0..<256).map { index in
        var entry = UInt32(index)
        for _ in 0..<8 {
            entry = entry & 1 == 1 ? 0xEDB8_8320 ^ (entry >> 1) : entry >> 1
        }
        return entry
    }
}
