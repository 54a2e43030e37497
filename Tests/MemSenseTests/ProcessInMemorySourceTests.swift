import MemSense
import TestSupport
import Testing

/// The in-memory source is the double the process and cgroup tests lean on; these check it
/// behaves like a directory tree.
@Test func inMemorySourceListsDirectoriesImpliedByItsFiles() throws {
    let source = InMemoryFileSource(["proc/1/stat": "x", "proc/22/status": "y", "proc/meminfo": "z"])
    source.setLink("proc/3/exe", to: "/bin/sh")
    #expect(try source.entries(of: "proc") == ["1", "22", "3", "meminfo"])
    #expect(try source.entries(of: "proc/22") == ["status"])
    #expect(throws: ReadError.notFound(path: "proc/4")) { try source.entries(of: "proc/4") }
    #expect(try source.link("proc/3/exe") == "/bin/sh")
    #expect(throws: ReadError.notFound(path: "proc/1/exe")) { try source.link("proc/1/exe") }
}

@Test func inMemorySourceReadsBytesAndInjectsFailures() throws {
    let source = InMemoryFileSource()
    source.set("proc/7/cmdline", bytes: [0x61, 0, 0x62, 0])
    #expect(try source.contents(of: "proc/7/cmdline") == [0x61, 0, 0x62, 0])
    #expect(throws: ReadError.notFound(path: "proc/7/stat")) { try source.contents(of: "proc/7/stat") }
    source.fail("proc/7/cmdline", as: ReadError.vanished(path:))
    #expect(throws: ReadError.vanished(path: "proc/7/cmdline")) { try source.contents(of: "proc/7/cmdline") }
    source.fail("proc", as: ReadError.permissionDenied(path:))
    #expect(throws: ReadError.permissionDenied(path: "proc")) { try source.entries(of: "proc") }
    #expect(source.accessCounts["proc/7/cmdline"] == 2)
}
