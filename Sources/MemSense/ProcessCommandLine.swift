/// /proc/PID/cmdline: the arguments, each followed by a NUL.
///
///     bash\0-c\0sleep 60; :\0arg with spaces\0\0last\0
///
/// Empty for kernel threads and zombies. Empty arguments inside are kept; the trailing run of
/// NULs is dropped, because a process that rewrites its argv (Android apps, `setproctitle`)
/// leaves the rest of the old argument area as NUL padding.
public enum ProcessCommandLine {
    public static func arguments(parsing bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        guard let last = bytes.lastIndex(where: { $0 != 0 }) else { return [] }
        return bytes[...last].split(separator: 0, omittingEmptySubsequences: false).map {
            String(decoding: $0, as: UTF8.self)
        }
    }
}
