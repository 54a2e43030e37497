import MemSense

/// Reads the live /proc and /sys for real-kernel tests, through a `DirectorySource` rooted at
/// `/proc` and `/sys` like production, with relative paths such as `proc/self/status`.
public enum LiveFiles {
    /// The whole file as text.
    public static func text(_ path: String) throws(TestRigError) -> String {
        do {
            return String(decoding: try DirectorySource().contents(of: path), as: UTF8.self)
        } catch {
            throw .unreadable(error)
        }
    }

    /// The value after `key:` in a `/proc/<pid>/status` style file, trimmed; e.g. `VmLck` in
    /// `VmLck:	       0 kB` is `0 kB`. Nil when the key is absent.
    public static func statusValue(_ key: String, in text: String) -> String? {
        for line in text.split(separator: "\n") where line.hasPrefix(key + ":") {
            return line.dropFirst(key.count + 1).trimmingPrefix { $0 == " " || $0 == "\t" }.description
        }
        return nil
    }

    /// Whether this process has the capability numbered `bit` (24 is CAP_SYS_RESOURCE) in its
    /// effective set, from `CapEff:	000001fffeffffff` in `proc/self/status`.
    public static func hasEffectiveCapability(_ bit: Int) throws(TestRigError) -> Bool {
        let status = try text("proc/self/status")
        guard let hex = statusValue("CapEff", in: status), let mask = UInt64(hex, radix: 16) else {
            throw .unexpected(path: "proc/self/status", reason: "no CapEff line")
        }
        return mask & (1 << UInt64(bit)) != 0
    }
}
