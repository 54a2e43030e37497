/// The cgroup mounts of /proc/PID/mountinfo:
///
///     35 31 0:32 / /sys/fs/cgroup/memory rw,relatime - cgroup cgroup rw,memory
///     41 31 0:38 / /sys/fs/cgroup/unified rw,relatime - cgroup2 cgroup2 rw
///
/// Fields: mount ID, parent ID, major:minor, root (the part of the hierarchy mounted here),
/// mount point, options, optional fields, `-`, file system type, source, super options. The
/// root and mount point escape space, tab, newline and backslash as octal (`\040`).
public struct MountInfo: Sendable, Equatable {
    /// One mounted cgroup hierarchy.
    public struct Mount: Sendable, Equatable {
        /// The hierarchy's directory that is mounted, `/` unless in a container.
        public var root: String
        public var mountPoint: String

        public init(root: String, mountPoint: String) {
            self.root = root
            self.mountPoint = mountPoint
        }
    }

    /// The v1 hierarchy with the memory controller (super options include `memory`).
    public var memoryV1: Mount?
    /// The first cgroup2 mount.
    public var cgroup2: Mount?

    public init(memoryV1: Mount? = nil, cgroup2: Mount? = nil) {
        self.memoryV1 = memoryV1
        self.cgroup2 = cgroup2
    }

    public init(parsing bytes: UnsafeBufferPointer<UInt8>) throws(ParseError) {
        self.init()
        var scanner = ByteScanner(bytes)
        while var line = scanner.nextLine() {
            guard !line.isBlank else { continue }
            var fields: [UnsafeBufferPointer<UInt8>] = []
            while let field = line.nextField() { fields.append(field) }
            guard fields.count >= 10,
                let separator = fields[6...].firstIndex(where: { KernelNumber.field($0, equals: "-") }),
                separator + 3 < fields.count
            else { throw ParseError(line: scanner.lineNumber, "not a mountinfo line") }
            let type = fields[separator + 1]
            let mount = Mount(root: Self.unescaped(fields[3]), mountPoint: Self.unescaped(fields[4]))
            if KernelNumber.field(type, equals: "cgroup2") {
                if cgroup2 == nil { cgroup2 = mount }
            } else if KernelNumber.field(type, equals: "cgroup"), memoryV1 == nil,
                ProcessCgroups.namesMemory(fields[separator + 3])
            {
                memoryV1 = mount
            }
        }
    }

    /// `\040` → space: the kernel writes a backslash and three octal digits for the bytes
    /// that would break the line apart.
    static func unescaped(_ field: UnsafeBufferPointer<UInt8>) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(field.count)
        var index = 0
        while index < field.count {
            if field[index] == UInt8(ascii: "\\"), index + 3 < field.count, let byte = octal(field, at: index + 1) {
                bytes.append(byte)
                index += 4
            } else {
                bytes.append(field[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func octal(_ field: UnsafeBufferPointer<UInt8>, at start: Int) -> UInt8? {
        var value: UInt16 = 0
        for digit in field[start..<(start + 3)] {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "7") else { return nil }
            value = value * 8 + UInt16(digit - UInt8(ascii: "0"))
        }
        return value <= 0xFF ? UInt8(value) : nil
    }
}
