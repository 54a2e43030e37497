import CLinuxSys
import Glibc

// Every raw system call of LinuxSys, one thin function per call, as swift-system's
// Internals/Syscalls.swift has them: the module's side effects are all here, easy to find.
// The functions return what the C function returns; `valueOrErrno` turns -1 into an `Errno`.

/// Runs `call` again while it fails with EINTR, and turns its `-1` into the `Errno` it set.
///
/// This is the one place where errno is read and where interrupted calls are retried.
@inline(__always)
func valueOrErrno<Result: FixedWidthInteger>(_ call: () -> Result) throws(Errno) -> Result {
    while true {
        let result = call()
        if result != -1 { return result }
        let code = clinuxsys_errno()
        if code != EINTR { throw Errno(rawValue: code) }
    }
}

/// `valueOrErrno`, with the error named after `operation` (built only when the call fails).
@inline(__always)
func checked<Result: FixedWidthInteger>(
    _ operation: @autoclosure () -> String,
    _ call: () -> Result
) throws(LinuxSysError) -> Result {
    do {
        return try valueOrErrno(call)
    } catch {
        throw LinuxSysError(operation(), error)
    }
}

/// Opens a descriptor for the process `pid`. The corresponding C function is `pidfd_open`.
func system_pidfd_open(_ pid: pid_t) -> Int32 {
    clinuxsys_pidfd_open(pid, 0)
}

/// Sends `signal` through a pidfd. The corresponding C function is `pidfd_send_signal`.
func system_pidfd_send_signal(_ pidfd: Int32, _ signal: Int32) -> Int32 {
    clinuxsys_pidfd_send_signal(pidfd, signal, 0)
}

/// Frees a killed process's memory now. The corresponding C function is `process_mrelease`.
func system_process_mrelease(_ pidfd: Int32) -> Int32 {
    clinuxsys_process_mrelease(pidfd, 0)
}

/// Sends `signal` to `pid`. The corresponding C function is `kill`.
func system_kill(_ pid: pid_t, _ signal: Int32) -> Int32 {
    kill(pid, signal)
}

/// Waits for events on descriptors. The corresponding C function is `poll`.
func system_poll(_ fds: UnsafeMutablePointer<pollfd>?, _ count: Int, _ timeoutMs: Int32) -> Int32 {
    poll(fds, nfds_t(count), timeoutMs)
}

/// Opens a file. The corresponding C function is `open`.
func system_open(_ path: UnsafePointer<CChar>, _ flags: Int32) -> Int32 {
    open(path, flags)
}

/// Creates or opens a file with `mode` for a new one. The corresponding C function is `open`.
func system_open(_ path: UnsafePointer<CChar>, _ flags: Int32, _ mode: mode_t) -> Int32 {
    open(path, flags, mode)
}

/// Flushes a file's data and metadata to its disk. The corresponding C function is `fsync`.
func system_fsync(_ fd: Int32) -> Int32 {
    fsync(fd)
}

/// Renames a file, replacing `newPath` atomically. The corresponding C function is `rename`.
func system_rename(_ path: UnsafePointer<CChar>, _ newPath: UnsafePointer<CChar>) -> Int32 {
    rename(path, newPath)
}

/// Reads from a descriptor. The corresponding C function is `read`.
func system_read(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int) -> Int {
    read(fd, buffer, count)
}

/// Writes to a descriptor. The corresponding C function is `write`.
func system_write(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    write(fd, buffer, count)
}

/// Closes a descriptor. It is never retried: on Linux the descriptor is gone even after EINTR.
/// The corresponding C function is `close`.
func system_close(_ fd: Int32) {
    _ = close(fd)
}

/// Creates an event counter descriptor. The corresponding C function is `eventfd`.
func system_eventfd(_ initialValue: UInt32, _ flags: Int32) -> Int32 {
    eventfd(initialValue, flags)
}

/// Creates a descriptor that reads the signals in `mask`. The corresponding C function is `signalfd`.
func system_signalfd(_ mask: UnsafePointer<sigset_t>, _ flags: Int32) -> Int32 {
    signalfd(-1, mask, flags)
}

/// Blocks the signals in `mask` for the calling thread. It returns an error number rather than
/// setting errno, so it is mapped to -1 and errno here. The corresponding C function is `pthread_sigmask`.
func system_pthread_sigmask_block(_ mask: UnsafePointer<sigset_t>) -> Int32 {
    let code = pthread_sigmask(SIG_BLOCK, mask, nil)
    guard code == 0 else {
        errno = code
        return -1
    }
    return 0
}

/// The file system of an open file. The corresponding C function is `fstatfs`.
func system_fstatfs(_ fd: Int32, _ status: UnsafeMutablePointer<statfs>) -> Int32 {
    fstatfs(fd, status)
}

/// Discards `signal`. The corresponding C function is `sigaction` (with SIG_IGN).
func system_ignore_signal(_ signal: Int32) -> Int32 {
    clinuxsys_ignore_signal(signal)
}

/// Locks the process's pages in RAM. The corresponding C function is `mlockall`.
func system_mlockall(_ flags: Int32) -> Int32 {
    mlockall(flags)
}

/// Unlocks every page of the process. The corresponding C function is `munlockall`.
func system_munlockall() -> Int32 {
    munlockall()
}

/// Unlocks the pages of a range. The corresponding C function is `munlock`.
func system_munlock(_ address: UnsafeRawPointer, _ length: Int) -> Int32 {
    munlock(address, length)
}

/// Gives the kernel advice about a range of pages. The corresponding C function is `madvise`.
func system_madvise(_ address: UnsafeMutableRawPointer, _ length: Int, _ advice: Int32) -> Int32 {
    madvise(address, length, advice)
}

/// Reads from a descriptor at an offset. The corresponding C function is `pread`.
func system_pread(_ fd: Int32, _ buffer: UnsafeMutableRawPointer?, _ count: Int, _ offset: Int) -> Int {
    pread(fd, buffer, count, off_t(offset))
}

/// A value of the auxiliary vector the kernel gave the program. The corresponding C function
/// is `getauxval`.
func system_getauxval(_ type: Int32) -> UInt {
    UInt(getauxval(UInt(type)))
}

/// Creates a socket. The corresponding C function is `socket`.
func system_socket(_ domain: Int32, _ type: Int32) -> Int32 {
    socket(domain, type, 0)
}

/// Sends one datagram to `address`. The corresponding C function is `sendto`.
func system_sendto(
    _ fd: Int32,
    _ buffer: UnsafeRawPointer?,
    _ count: Int,
    _ address: UnsafePointer<sockaddr>,
    _ addressLength: socklen_t
) -> Int {
    sendto(fd, buffer, count, Int32(MSG_NOSIGNAL), address, addressLength)
}

/// Reads a clock. The corresponding C function is `clock_gettime`.
func system_clock_gettime(_ clock: clockid_t, _ time: UnsafeMutablePointer<timespec>) -> Int32 {
    clock_gettime(clock, time)
}

/// The kernel's memory and load figures. The corresponding C function is `sysinfo`.
func system_sysinfo(_ info: UnsafeMutablePointer<sysinfo>) -> Int32 {
    sysinfo(info)
}

/// The allocator's statistics. The corresponding C function is `mallinfo2`.
func system_mallinfo2() -> mallinfo2 {
    mallinfo2()
}

/// Replaces the process image; returns only on failure. The corresponding C function is `execvp`.
func system_execvp(_ file: String, _ argv: [UnsafeMutablePointer<CChar>?]) -> Int32 {
    execvp(file, argv)
}

/// Starts `path` as a child process. It returns an error number rather than setting errno, so it
/// is mapped to -1 and errno here. The corresponding C function is `posix_spawn`.
func system_posix_spawn(
    _ pid: UnsafeMutablePointer<pid_t>,
    _ path: String,
    _ actions: UnsafePointer<posix_spawn_file_actions_t>,
    _ attributes: UnsafePointer<posix_spawnattr_t>,
    _ argv: [UnsafeMutablePointer<CChar>?],
    _ envp: UnsafePointer<UnsafeMutablePointer<CChar>?>
) -> Int32 {
    let code = posix_spawn(pid, path, actions, attributes, argv, envp)
    guard code == 0 else {
        errno = code
        return -1
    }
    return 0
}

/// Reaps a child, or returns 0 at once when it is still running (`WNOHANG`).
/// The corresponding C function is `waitpid`.
func system_waitpid_nohang(_ pid: pid_t, _ status: UnsafeMutablePointer<Int32>) -> pid_t {
    waitpid(pid, status, WNOHANG)
}

/// Creates a connected pair of sockets. The corresponding C function is `socketpair`.
func system_socketpair(_ type: Int32, _ fds: UnsafeMutablePointer<Int32>) -> Int32 {
    socketpair(AF_UNIX, type, 0, fds)
}

/// Sends bytes on a connected socket without blocking and without SIGPIPE when the peer is gone
/// (EPIPE instead). The corresponding C function is `send`.
func system_send_nonblocking(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ count: Int) -> Int {
    send(fd, buffer, count, Int32(MSG_NOSIGNAL) | Int32(MSG_DONTWAIT))
}

/// What `path` is, following a final symlink or not. The corresponding C functions are `stat`
/// and `lstat`.
func system_stat(_ path: String, _ info: UnsafeMutablePointer<stat>, followingSymlink: Bool) -> Int32 {
    followingSymlink ? stat(path, info) : lstat(path, info)
}

/// The absolute path of `path` with every symlink resolved, or nil with errno set.
/// The corresponding C function is `realpath`.
func system_realpath(_ path: String) -> String? {
    guard let resolved = realpath(path, nil) else { return nil }
    defer { free(resolved) }
    return String(cString: resolved)
}
