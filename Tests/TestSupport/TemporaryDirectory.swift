import Glibc

/// Runs `body` with a new empty directory under /tmp, removed afterwards (with the files in
/// it, one level deep) even when `body` throws.
public func withTemporaryDirectory(_ body: (String) throws -> Void) throws {
    var template = Array("/tmp/fastoomd-test-XXXXXX".utf8CString)
    guard let created = mkdtemp(&template) else { throw TemporaryDirectoryError(errno: errno) }
    let path = String(cString: created)
    defer {
        if let directory = opendir(path) {
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) {
                    String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name != "." && name != ".." { unlink(path + "/" + name) }
            }
            closedir(directory)
        }
        rmdir(path)
    }
    try body(path)
}

/// mkdtemp failed.
public struct TemporaryDirectoryError: Error, Equatable {
    public let errno: Int32
}
