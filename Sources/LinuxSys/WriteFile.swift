import Glibc

/// Writes `bytes` to an existing kernel file such as `cgroup.procs`, `cgroup.kill` or
/// `oom_score_adj`, in one write(2): these files take one value per write, so a short write is
/// an error rather than something to continue. The file is neither created nor truncated.
///
/// The corresponding C functions are `open` and `write`.
public func writeFile(_ path: String, _ bytes: some Collection<UInt8>) throws(LinuxSysError) {
    let fd = try checked("open \(path)") { path.withCString { system_open($0, O_WRONLY | O_CLOEXEC) } }
    defer { system_close(fd) }
    try writeWhole(fd, bytes, operation: "write \(path)")
}

/// Writes `bytes` to `fd` in one write(2) and throws if the kernel took fewer of them.
func writeWhole(
    _ fd: Int32,
    _ bytes: some Collection<UInt8>,
    operation: @autoclosure () -> String
) throws(LinuxSysError) {
    let contiguous = bytes.withContiguousStorageIfAvailable { buffer in
        valueOrErrnoResult { system_write(fd, buffer.baseAddress, buffer.count) }
    }
    let result =
        contiguous
        ?? Array(bytes).withUnsafeBufferPointer { buffer in
            valueOrErrnoResult { system_write(fd, buffer.baseAddress, buffer.count) }
        }
    switch result {
    case .success(let written) where written == bytes.count: return
    case .success(let written):
        throw .invalidArgument(operation: operation(), reason: "wrote \(written) of \(bytes.count) bytes")
    case .failure(let errno): throw LinuxSysError(operation(), errno)
    }
}

/// `valueOrErrno` as a `Result`, for closures such as `withContiguousStorageIfAvailable` that
/// cannot throw a typed error through.
func valueOrErrnoResult<Value: FixedWidthInteger>(_ call: () -> Value) -> Result<Value, Errno> {
    Result { () throws(Errno) -> Value in try valueOrErrno(call) }
}
