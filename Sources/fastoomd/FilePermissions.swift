import LinuxSys

#if canImport(Glibc)
    import Glibc
#endif

/// Whether a file may tell a root daemon what to run or whom to kill: only when nobody but root
/// can change it. A hook or configuration file that another user could write, or replace through
/// its directory or a symlink, would let that user run code as root.
///
/// Checked: the path's directory; a symlink at the path (its owner: a symlink's own mode is
/// always 0777 on Linux and means nothing); and, with every symlink resolved, the file and its
/// directory. Each must be owned by a trusted UID and writable by neither group nor others.
/// The trusted UIDs are root and the UID fastoomd runs as (the same as root for the daemon; a
/// user's own files for an unprivileged dry run).
enum FilePermissions {
    /// What the file must be, besides trusted.
    enum Role {
        case configuration, executable
    }

    static var trustedUIDs: Set<UInt32> { [0, geteuid()] }

    /// Every reason not to trust the file at `path`; empty when it may be used.
    static func problems(
        ofFileAt path: String, role: Role, trustedUIDs: Set<UInt32> = trustedUIDs
    ) -> [String] {
        var problems: [String] = []
        func check(_ checkedPath: String, followingSymlink: Bool, expected: FileMetadata.Kind) {
            do {
                let metadata = try FileMetadata(of: checkedPath, followingSymlink: followingSymlink)
                problems += Self.problems(of: metadata, at: checkedPath, expected: expected, trustedUIDs: trustedUIDs)
            } catch {
                problems.append(error.description)
            }
        }
        check(directory(of: path), followingSymlink: true, expected: .directory)
        let link: FileMetadata
        do {
            link = try FileMetadata(of: path, followingSymlink: false)
        } catch {
            return problems + [error.description]
        }
        guard link.kind == .symlink else {
            problems += Self.problems(of: link, at: path, expected: .regular, trustedUIDs: trustedUIDs)
            return problems + roleProblems(of: link, at: path, role: role)
        }
        problems += Self.problems(of: link, at: path, expected: .symlink, trustedUIDs: trustedUIDs)
        let resolved: String
        do {
            resolved = try FileMetadata.resolvedPath(of: path)
        } catch {
            return problems + [error.description]
        }
        check(directory(of: resolved), followingSymlink: true, expected: .directory)
        do {
            let target = try FileMetadata(of: resolved, followingSymlink: false)
            problems += Self.problems(of: target, at: resolved, expected: .regular, trustedUIDs: trustedUIDs)
            problems += roleProblems(of: target, at: resolved, role: role)
        } catch {
            problems.append(error.description)
        }
        return problems
    }

    /// The ownership and mode problems of one file or directory, e.g.
    /// `/etc/fastoomd/hooks/page: writable by group or others (mode 0775); chmod go-w it`.
    static func problems(
        of metadata: FileMetadata, at path: String, expected: FileMetadata.Kind, trustedUIDs: Set<UInt32>
    ) -> [String] {
        var problems: [String] = []
        if metadata.kind != expected {
            problems.append("\(path): is a \(name(metadata.kind)), not a \(name(expected))")
        }
        if !trustedUIDs.contains(metadata.ownerUID) {
            problems.append("\(path): owned by uid \(metadata.ownerUID), not root; only root may own it")
        }
        if metadata.kind != .symlink && metadata.isWritableByGroupOrOthers {
            problems.append(
                "\(path): writable by group or others (mode \(octal(metadata.mode))); chmod go-w it")
        }
        return problems
    }

    private static func roleProblems(of metadata: FileMetadata, at path: String, role: Role) -> [String] {
        guard role == .executable, metadata.kind == .regular, metadata.mode & 0o100 == 0 else { return [] }
        return ["\(path): not executable by its owner (mode \(octal(metadata.mode)))"]
    }

    /// `/etc/fastoomd` for `/etc/fastoomd/policy.json`, `.` for a bare name, `/` for `/x`.
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    private static func name(_ kind: FileMetadata.Kind) -> String {
        switch kind {
        case .regular: "regular file"
        case .directory: "directory"
        case .symlink: "symlink"
        case .other: "special file"
        }
    }

    private static func octal(_ mode: UInt32) -> String {
        let digits = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}
