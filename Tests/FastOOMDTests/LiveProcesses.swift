import Glibc
import LinuxSys
import MemSense
import Testing

/// Waits until process `pid` has the comm `comm`: a child spawned through a shell or a copied
/// binary has the spawner's name until its exec is done.
func waitForComm(_ comm: String, of pid: Int32) throws {
    let table = ProcessTable(source: DirectorySource())
    let deadlineMs = MonotonicClock.nowMs() + 5_000
    while try table.snapshot(of: pid)?.comm != comm {
        try #require(MonotonicClock.nowMs() < deadlineMs, "process \(pid) never became \(comm)")
        usleep(5_000)
    }
}
