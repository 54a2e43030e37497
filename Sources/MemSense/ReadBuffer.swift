/// A byte buffer that file reads fill and parsers read, reused from tick to tick so that a
/// healthy tick does not allocate. It grows when a file is larger than it, and never shrinks.
public struct ReadBuffer: ~Copyable {
    private var storage: UnsafeMutableBufferPointer<UInt8>
    /// How many bytes of the storage the last read filled.
    public private(set) var count = 0

    public init(capacity: Int = 16 * 1024) {
        storage = .allocate(capacity: max(capacity, 64))
    }

    deinit {
        storage.deallocate()
    }

    public var capacity: Int { storage.count }

    /// Empties the buffer, keeping its storage.
    public mutating func removeAll() {
        count = 0
    }

    /// Appends bytes, growing the storage when they do not fit.
    public mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        reserve(count + bytes.count)
        _ = UnsafeMutableBufferPointer(rebasing: storage[count..<(count + bytes.count)]).initialize(from: bytes)
        count += bytes.count
    }

    /// Lets `body` write into the free space after the current bytes (at least `minimum`
    /// bytes of it) and keeps the number of bytes it says it wrote.
    public mutating func appendInPlace<E: Error>(
        minimum: Int,
        _ body: (UnsafeMutableBufferPointer<UInt8>) throws(E) -> Int
    ) throws(E) {
        reserve(count + minimum)
        let written = try body(UnsafeMutableBufferPointer(rebasing: storage[count...]))
        count += max(0, min(written, storage.count - count))
    }

    /// The bytes of the last read.
    public func withBytes<R, E: Error>(_ body: (UnsafeBufferPointer<UInt8>) throws(E) -> R) throws(E) -> R {
        try body(UnsafeBufferPointer(rebasing: storage[..<count]))
    }

    private mutating func reserve(_ needed: Int) {
        guard needed > storage.count else { return }
        var newCapacity = storage.count
        while newCapacity < needed { newCapacity *= 2 }
        let grown = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: newCapacity)
        _ = grown.initialize(from: storage[..<count])
        storage.deallocate()
        storage = grown
    }
}
