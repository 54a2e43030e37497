#if canImport(Glibc)
    import Glibc
#endif

/// The floor that a node sample is compared with: the same six files read with bare system
/// calls into one preallocated buffer, with no parsing.
final class RawNodeReads {
    /// The files that `NodeSampler` reads on every tick.
    static let relativePaths = [
        "meminfo", "vmstat", "stat", "pressure/memory", "pressure/io", "pressure/cpu",
    ]

    private let paths: [String]
    private var keptOpen: [Int32] = []
    private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
    /// Bytes read so far; printed, so that no read can be optimised away.
    private(set) var bytesRead = 0

    init(procRoot: String) throws(BenchmarkError) {
        paths = Self.relativePaths.map { procRoot + "/" + $0 }
        for path in paths {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { throw .unreadable(path: path, errno: errno) }
            keptOpen.append(fd)
        }
    }

    deinit {
        for fd in keptOpen { close(fd) }
        buffer.deallocate()
    }

    /// open, read until end of file, close: what a reader that keeps nothing open pays.
    func openReadClose() {
        for path in paths {
            let fd = open(path, O_RDONLY | O_CLOEXEC)
            guard fd >= 0 else { continue }
            while true {
                let got = read(fd, buffer.baseAddress, buffer.count)
                guard got > 0 else { break }
                bytesRead += got
            }
            close(fd)
        }
    }

    /// pread at offset 0 of the kept-open descriptors until end of file: the same system calls
    /// that `DirectorySource` makes for a kept-open file (one pread with the data, one that
    /// returns 0).
    func preadUntilEnd() {
        for fd in keptOpen {
            var offset = 0
            while true {
                let got = pread(fd, buffer.baseAddress, buffer.count, off_t(offset))
                guard got > 0 else { break }
                offset += got
            }
            bytesRead += offset
        }
    }

    /// One pread per kept-open descriptor, trusting that the buffer holds the whole file: the
    /// least any reader can do, shown as a floor.
    func preadOnce() {
        for fd in keptOpen {
            bytesRead += max(0, pread(fd, buffer.baseAddress, buffer.count, 0))
        }
    }
}
