import Glibc

/// A child program that takes `megabytes` MiB of memory one MiB at a time, writing every byte
/// so that each page is really charged, prints `ready`, and then holds it until its stdin closes
/// (or it is killed). Above its cgroup's limit the kernel OOM-kills it part way.
///
/// With a step, it grows by `stepMegabytes` every `stepIntervalMs` instead, the way a leak or a
/// ramp does, so that a daemon watching its cgroup has time to see it coming.
public struct MemoryHog: Sendable {
    /// What the hog prints once it holds all its memory.
    public static let readyLine = "ready"

    public let megabytes: Int
    public let stepMegabytes: Int
    public let stepIntervalMs: Int

    public init(megabytes: Int, stepMegabytes: Int = 1, stepIntervalMs: Int = 0) {
        self.megabytes = megabytes
        self.stepMegabytes = max(1, stepMegabytes)
        self.stepIntervalMs = max(0, stepIntervalMs)
    }

    /// The command line: python3 (`/usr/bin/python3` where present, else found on `$PATH` by the
    /// shell that `TestCgroup.spawn` runs first).
    public var argv: [String] {
        let python = access("/usr/bin/python3", X_OK) == 0 ? "/usr/bin/python3" : "python3"
        let program = """
            import sys, time
            held = []
            for _ in range(\(megabytes) // \(stepMegabytes)):
                held.append(b"\\x01" * (\(stepMegabytes) << 20))
                time.sleep(\(Double(stepIntervalMs) / 1000))
            print("\(Self.readyLine)", flush=True)
            sys.stdin.read()
            """
        return [python, "-c", program]
    }
}
