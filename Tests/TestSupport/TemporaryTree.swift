import Glibc
import LinuxSys

/// A directory tree under /tmp for one test (fixture runtime roots, odd cgroup-like trees),
/// removed with everything in it when the value goes away. Symbolic links are removed, never
/// followed.
public final class TemporaryTree {
    public let root: String

    public init() throws(TestRigError) {
        var template = Array("/tmp/fastoomd-tree-XXXXXX".utf8CString)
        guard let created = mkdtemp(&template) else {
            throw .failed(operation: "mkdtemp", errno: Errno(rawValue: errno))
        }
        root = String(cString: created)
    }

    deinit {
        Self.remove(root)
    }

    /// Writes `text` to `relativePath`, creating the directories on the way.
    public func write(_ relativePath: String, _ text: String) throws(TestRigError) {
        let path = root + "/" + relativePath
        try makeDirectories(relativePath.split(separator: "/").dropLast().joined(separator: "/"))
        guard let file = fopen(path, "w") else {
            throw .failed(operation: "fopen \(path)", errno: Errno(rawValue: errno))
        }
        defer { fclose(file) }
        guard fputs(text, file) >= 0 else { throw .failed(operation: "write \(path)", errno: Errno(rawValue: errno)) }
    }

    /// Creates `relativePath` and its parents.
    public func makeDirectories(_ relativePath: String) throws(TestRigError) {
        var path = root
        for part in relativePath.split(separator: "/") {
            path += "/" + part
            guard mkdir(path, 0o755) == 0 || errno == EEXIST else {
                throw .failed(operation: "mkdir \(path)", errno: Errno(rawValue: errno))
            }
        }
    }

    /// Makes `relativePath` a symbolic link to `target` (absolute, or relative to the link).
    public func symlink(_ relativePath: String, to target: String) throws(TestRigError) {
        guard Glibc.symlink(target, root + "/" + relativePath) == 0 else {
            throw .failed(operation: "symlink \(relativePath)", errno: Errno(rawValue: errno))
        }
    }

    private static func remove(_ path: String) {
        var status = stat()
        guard lstat(path, &status) == 0 else { return }
        if status.st_mode & S_IFMT == S_IFDIR, let directory = opendir(path) {
            var names: [String] = []
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) {
                    String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name != "." && name != ".." { names.append(name) }
            }
            closedir(directory)
            for name in names { remove(path + "/" + name) }
            rmdir(path)
        } else {
            unlink(path)
        }
    }
}
