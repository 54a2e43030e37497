import Glibc

/// Replaces this process with `arguments[0]`, looked up on PATH, with `arguments` as its argv
/// and this process's environment plus `environment`. Returns only by throwing: the command
/// was not found (ENOENT), not executable (EACCES), or `arguments` was empty.
///
/// The corresponding C function is `execvp`.
public func replaceProcess(with arguments: [String], adding environment: [String: String] = [:])
    throws(LinuxSysError) -> Never
{
    guard let command = arguments.first, !command.isEmpty else {
        throw .invalidArgument(operation: "execvp", reason: "no command given")
    }
    for (name, value) in environment.sorted(by: { $0.key < $1.key }) {
        guard setenv(name, value, 1) == 0 else {
            throw LinuxSysError("setenv \(name)", Errno(rawValue: errno))
        }
    }
    var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) }
    argv.append(nil)
    _ = system_execvp(command, argv)
    let failure = Errno(rawValue: errno)
    for pointer in argv { free(pointer) }
    throw LinuxSysError("execvp \(command)", failure)
}
