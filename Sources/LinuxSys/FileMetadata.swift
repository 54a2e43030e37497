import Glibc

/// Who owns a file and who may write it: what a root daemon checks before it trusts a file to
/// tell it what to run or whom to kill.
public struct FileMetadata: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case regular, directory, symlink, other
    }

    public let kind: Kind
    public let ownerUID: UInt32
    /// The permission bits, e.g. `0o755`, with set-id and sticky bits (`0o1777` for /tmp).
    public let mode: UInt32

    public init(kind: Kind, ownerUID: UInt32, mode: UInt32) {
        self.kind = kind
        self.ownerUID = ownerUID
        self.mode = mode
    }

    /// What is at `path`: the symlink itself unless `followingSymlink`. The corresponding C
    /// functions are `lstat` and `stat`.
    public init(of path: String, followingSymlink: Bool) throws(LinuxSysError) {
        var info = stat()
        _ = try checked("\(followingSymlink ? "stat" : "lstat") \(path)") {
            system_stat(path, &info, followingSymlink: followingSymlink)
        }
        let type = info.st_mode & S_IFMT
        kind =
            switch type {
            case S_IFREG: .regular
            case S_IFDIR: .directory
            case S_IFLNK: .symlink
            default: .other
            }
        ownerUID = info.st_uid
        mode = info.st_mode & 0o7777
    }

    /// Whether a member of the file's group or anyone else may write it.
    public var isWritableByGroupOrOthers: Bool { mode & 0o022 != 0 }

    /// `path` with every symlink resolved to the file it names. The corresponding C function is
    /// `realpath`.
    public static func resolvedPath(of path: String) throws(LinuxSysError) -> String {
        guard let resolved = system_realpath(path) else {
            throw LinuxSysError("realpath \(path)", Errno(rawValue: errno))
        }
        return resolved
    }
}
