import CLinuxSys
import Glibc

/// The file systems whose files take a PSI trigger or a cgroup event registration. A write meant
/// for them must never reach an ordinary file: `--proc-root` pointed at a fixture tree would
/// have its recorded `pressure/memory` overwritten by the trigger text.
enum KernelFileSystem {
    static let procMagic = 0x9fa0
    static let cgroupMagic = 0x27e0eb
    static let cgroup2Magic = 0x6367_7270

    /// Throws `.invalidArgument` unless the open file `fd` is on procfs or a cgroup file system.
    /// The corresponding C function is `fstatfs`.
    static func requireKernelFile(_ fd: Int32, operation: @autoclosure () -> String) throws(LinuxSysError) {
        var status = statfs()
        _ = try checked("fstatfs (\(operation()))") { system_fstatfs(fd, &status) }
        guard [procMagic, cgroupMagic, cgroup2Magic].contains(Int(status.f_type)) else {
            throw .invalidArgument(operation: operation(), reason: "not a file of procfs or a cgroup file system")
        }
    }
}
