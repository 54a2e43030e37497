import Glibc

/// Starts the executable at the absolute `path` with `arguments` (argv[1...]) and `environment`
/// (`NAME=value`; nil for this process's own), its stdin and stdout duplicated from `stdinFD`
/// and `stdoutFD`, and returns its pid. The child starts with no blocked signal and every signal
/// at its default action, whatever the spawning thread blocked (SignalFD) or its parent ignored;
/// with `newProcessGroup` it leads a group of its own, so that killing the group takes down what
/// it started too. The corresponding C function is `posix_spawn`.
public func spawnProcess(
    path: String, arguments: [String], environment: [String]?, stdinFD: Int32, stdoutFD: Int32,
    newProcessGroup: Bool
) throws(LinuxSysError) -> Int32 {
    let operation = "posix_spawn \(path)"
    guard path.hasPrefix("/") else { throw .invalidArgument(operation: operation, reason: "path is not absolute") }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_adddup2(&actions, stdinFD, STDIN_FILENO)
    posix_spawn_file_actions_adddup2(&actions, stdoutFD, STDOUT_FILENO)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var noSignals = sigset_t()
    sigemptyset(&noSignals)
    var allSignals = sigset_t()
    sigfillset(&allSignals)
    posix_spawnattr_setsigmask(&attributes, &noSignals)
    posix_spawnattr_setsigdefault(&attributes, &allSignals)
    var flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
    if newProcessGroup {
        posix_spawnattr_setpgroup(&attributes, 0)
        flags |= POSIX_SPAWN_SETPGROUP
    }
    posix_spawnattr_setflags(&attributes, Int16(flags))
    let argv: [UnsafeMutablePointer<CChar>?] = ([path] + arguments).map { strdup($0) } + [nil]
    let envp: [UnsafeMutablePointer<CChar>?] = (environment ?? []).map { strdup($0) } + [nil]
    defer { for pointer in argv + envp { free(pointer) } }
    var pid: pid_t = 0
    _ = try checked(operation) {
        environment == nil
            ? system_posix_spawn(&pid, path, &actions, &attributes, argv, environ)
            : system_posix_spawn(&pid, path, &actions, &attributes, argv, envp)
    }
    return pid
}
