import CLinuxSys
import Glibc

/// The daemon's own executable as mapped in memory, and the part of it kept locked.
///
/// `mlockall(MCL_ONFAULT)` counts every mapping of the executable as locked (VmLck), but locks
/// only the pages touched. A static Swift binary maps 10 MiB or more, most of it code the daemon
/// runs once at start (argument and configuration parsing) or never; the kernel's fault-around
/// also maps neighbours of every page touched. So once the daemon is set up, `dropResidentPages`
/// unmaps the read-only segments (the page cache keeps them: no I/O) and locks again; the loop
/// then runs its first ticks, which fault back what a tick needs, and `unlockUntouchedPages`
/// unlocks the pages still not mapped. What the daemon needs later for the first time is paged in
/// on demand and not locked: that is the cost, kept small by running the selection path in the
/// warm-up too.
public struct ProgramImage: Sendable {
    /// One loaded segment of the executable: its addresses as loaded (not page-aligned).
    public struct Segment: Sendable, Equatable {
        public var start: UInt
        public var end: UInt
        public var isWritable: Bool
    }

    public let segments: [Segment]
    private static let pageSize = UInt(sysconf(Int32(_SC_PAGESIZE)))

    /// The executable's PT_LOAD segments, from its program headers (AT_PHDR): at their linked
    /// addresses for a fixed-address executable, moved by the load bias for a position-independent one.
    public init() {
        let count = Int(system_getauxval(AT_PHNUM))
        guard let headers = UnsafePointer<Elf64_Phdr>(bitPattern: system_getauxval(AT_PHDR)) else {
            segments = []
            return
        }
        let table = UnsafeBufferPointer(start: headers, count: count)
        let bias = table.first { $0.p_type == PT_PHDR }.map { UInt(bitPattern: headers) &- UInt($0.p_vaddr) } ?? 0
        segments = table.filter { $0.p_type == PT_LOAD }.map { header in
            let start = bias &+ UInt(header.p_vaddr)
            return Segment(
                start: start, end: start + UInt(header.p_memsz), isWritable: header.p_flags & UInt32(PF_W) != 0)
        }
    }

    /// Unmaps the pages of the read-only segments and locks again (on fault). Writable segments
    /// are left alone: their touched pages are private copies that unmapping would discard.
    /// Memory is locked again even when unmapping fails, so a failure leaves it as it was.
    public func dropResidentPages() throws(LinuxSysError) -> MemoryLockMode {
        try unlockMemory()
        var failure: LinuxSysError?
        // Only whole pages of the segment: a page it shares with a writable one keeps its data.
        let page = Self.pageSize
        for segment in segments where !segment.isWritable && failure == nil {
            let start = (segment.start + page - 1) & ~(page - 1)
            let end = segment.end & ~(page - 1)
            guard end > start, let address = UnsafeMutableRawPointer(bitPattern: start) else { continue }
            do {
                _ = try checked("madvise(MADV_DONTNEED) of the executable") {
                    system_madvise(address, Int(end - start), MADV_DONTNEED)
                }
            } catch {
                failure = error
            }
        }
        let mode = try lockMemory()
        if let failure { throw failure }
        return mode
    }

    /// Unlocks the pages of the executable that are not mapped now, read from
    /// /proc/self/pagemap (this process's own, never a watched node's); returns the bytes unlocked.
    public func unlockUntouchedPages() throws(LinuxSysError) -> UInt {
        let fd = try checked("open /proc/self/pagemap") { system_open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC) }
        defer { system_close(fd) }
        var unlocked: UInt = 0
        var entries = [UInt64](repeating: 0, count: 512)
        for segment in segments {
            var runStart: UInt?
            var page = segment.start & ~(Self.pageSize - 1)
            let end = (segment.end + Self.pageSize - 1) & ~(Self.pageSize - 1)
            while page < end {
                let count = min(entries.count, Int((end - page) / Self.pageSize))
                let offset = Int(page / Self.pageSize) * 8
                let bytes = try checked("read /proc/self/pagemap") {
                    entries.withUnsafeMutableBytes { system_pread(fd, $0.baseAddress, count * 8, offset) }
                }
                guard bytes == count * 8 else {
                    throw .invalidArgument(operation: "read /proc/self/pagemap", reason: "short read of \(bytes) bytes")
                }
                for entry in entries[0..<count] {
                    let isPresent = entry >> 63 != 0
                    if !isPresent, runStart == nil { runStart = page }
                    if isPresent, let start = runStart {
                        unlocked += try unlock(from: start, to: page)
                        runStart = nil
                    }
                    page += Self.pageSize
                }
            }
            if let start = runStart { unlocked += try unlock(from: start, to: end) }
        }
        return unlocked
    }

    private func unlock(from start: UInt, to end: UInt) throws(LinuxSysError) -> UInt {
        guard let address = UnsafeRawPointer(bitPattern: start) else { return 0 }
        _ = try checked("munlock of the executable") { system_munlock(address, Int(end - start)) }
        return end - start
    }
}
