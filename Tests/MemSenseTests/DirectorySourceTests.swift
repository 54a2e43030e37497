import Glibc
import MemSense
import TestSupport
import Testing

@Suite struct DirectorySourceTests {
    @Test func keptOpenFileIsReadFromItsStartEveryTime() throws {
        try withTemporaryDirectory { root in
            let path = root + "/meminfo"
            func rewrite(_ text: String) {
                let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                _ = text.utf8CString.withUnsafeBufferPointer { Glibc.write(fd, $0.baseAddress, $0.count - 1) }
                close(fd)
            }
            rewrite("MemTotal: 1 kB\n")
            let source = DirectorySource(procRoot: root, sysRoot: root)
            try source.keepOpen("proc/meminfo")
            try source.keepOpen("proc/meminfo")
            #expect(String(decoding: try source.contents(of: "proc/meminfo"), as: UTF8.self) == "MemTotal: 1 kB\n")
            // The same file, rewritten in place: the kept descriptor sees the new text.
            rewrite("MemTotal: 22 kB\n")
            #expect(String(decoding: try source.contents(of: "proc/meminfo"), as: UTF8.self) == "MemTotal: 22 kB\n")
        }
    }

    /// Two samplers of one group keep its file open once; it closes when both have let it go.
    @Test func keptOpenFileClosesWhenItsLastHolderLetsGo() throws {
        let source = DirectorySource()
        try source.keepOpen("proc/meminfo")
        try source.keepOpen("proc/meminfo")
        #expect(source.keptOpenCount == 1)
        source.stopKeepingOpen("proc/meminfo")
        #expect(source.keptOpenCount == 1)
        #expect(!(try source.contents(of: "proc/meminfo")).isEmpty)
        source.stopKeepingOpen("proc/meminfo")
        #expect(source.keptOpenCount == 0)
        source.stopKeepingOpen("proc/meminfo")
        #expect(source.keptOpenCount == 0)
    }

    /// The kept descriptor fails (the process is gone), and so does opening the path again.
    @Test func keptOpenFileOfAnEndedProcessIsReportedGoneWithItsPath() throws {
        let child = try ChildProcess.spawn(["/bin/sleep", "30"])
        let path = "proc/\(child.pid)/stat"
        let source = DirectorySource()
        try source.keepOpen(path)
        #expect(!(try source.contents(of: path)).isEmpty)
        kill(child.pid, SIGKILL)
        #expect(child.reap(timeoutMs: 5000) != nil)
        do {
            _ = try source.contents(of: path)
            Issue.record("read \(path) of an ended process")
        } catch {
            #expect([ReadError.notFound(path: path), .vanished(path: path)].contains(error))
        }
    }
}
