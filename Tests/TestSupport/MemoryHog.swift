import Glibc

/// A child program that takes `megabytes` MiB of memory one MiB at a time, writing every byte
/// so that each page is really charged, prints `ready`, and then holds it until its stdin closes
/// (or it is killed). Above its cgroup's limit the kernel OOM-kills it part way.
public struct MemoryHog: Sendable {
    /// What the hog prints once it holds all its memory.
    public static let readyLine = "ready"

    public let megabytes: Int

    public init(megabytes: Int) {
        self.megabytes = megabytes
    }

    /// The command line: python3 (`/usr/bin/python3` where present, else found on `$PATH` by the
    /// shell that `TestCgroup.spawn` runs first).
    public var argv: [String] {
        let python = access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3"
        let program = """
            import sys
            held = [b"\\x01" * (1 << 20) for _ in range(\(megabytes))]
            print("\(Self.readyLine)", flush=True)
            sys.stdin.read()
            """
        return [python, "-c", program]
    }
}
