import Glibc
import LinuxSys
import Testing

@Suite struct SystemMemoryTests {
    /// /proc/meminfo's value of `key`, in bytes.
    private static func memInfoBytes(_ key: String) throws -> UInt64 {
        let file = try #require(fopen("/proc/meminfo", "r"))
        defer { fclose(file) }
        var line: UnsafeMutablePointer<CChar>?
        var capacity = 0
        defer { free(line) }
        while getline(&line, &capacity, file) > 0 {
            let fields = String(cString: try #require(line)).split(separator: " ")
            if fields.first == "\(key):", let kB = UInt64(fields[1]) { return kB * 1024 }
        }
        Issue.record("no \(key) in /proc/meminfo")
        return 0
    }

    @Test func totalIsMeminfosMemTotal() throws {
        #expect(SystemMemory.current().totalBytes == (try Self.memInfoBytes("MemTotal")))
    }

    /// The same counter read twice in a row: other processes move it between the reads, by far
    /// less than 64 MiB on a test machine.
    @Test func freeIsMeminfosMemFree() throws {
        let before = try Self.memInfoBytes("MemFree")
        let free = SystemMemory.current().freeBytes
        let after = try Self.memInfoBytes("MemFree")
        let slack: UInt64 = 64 << 20
        #expect(free + slack >= min(before, after))
        #expect(free <= max(before, after) + slack)
    }
}
