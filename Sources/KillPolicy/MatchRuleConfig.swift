import MemSense

/// One rule of `protect`, `avoid` or `prefer`, as written in the configuration. Every matcher
/// that is present must match (AND); a list matches when any of its rules does (OR). The
/// `_regex` matchers are POSIX extended regular expressions (`POSIXRegex`), as earlyoom's
/// `--prefer` and `--avoid` read them.
///
/// ```json
/// { "comm_regex": "^sshd(-session|-auth)?$", "comment": "remote access must survive" }
/// ```
public struct MatchRuleConfig: Codable, Equatable, Sendable, LenientDecodable {
    /// The exact kernel name (/proc/PID/comm, at most 15 bytes: `systemd-journal`, not `systemd-journald`).
    public var comm: String?
    /// Searched anywhere in comm; anchor with `^...$` for a whole match.
    public var commRegex: String?
    /// Searched in argv joined with single spaces (`/usr/bin/python3 -m http.server`).
    public var cmdlineRegex: String?
    /// The exact target of /proc/PID/exe; also matches it with the kernel's ` (deleted)` suffix,
    /// so that a rule still holds after a package upgrade replaced the binary.
    public var exe: String?
    public var exeRegex: String?
    /// A plain string prefix of the memory cgroup path: `/system.slice/` matches
    /// `/system.slice/ssh.service`.
    public var cgroupPrefix: String?
    public var cgroupRegex: String?
    /// The real UID. Names are not accepted: resolving them would read /etc/passwd at load.
    public var uid: UInt32?
    public var comment: String?
    public private(set) var decodingIssues: [ConfigIssue] = []

    enum CodingKeys: String, CodingKey, CaseIterable {
        case comm
        case commRegex = "comm_regex"
        case cmdlineRegex = "cmdline_regex"
        case exe
        case exeRegex = "exe_regex"
        case cgroupPrefix = "cgroup_prefix"
        case cgroupRegex = "cgroup_regex"
        case uid
        case comment
    }

    public init(
        comm: String? = nil, commRegex: String? = nil, cmdlineRegex: String? = nil, exe: String? = nil,
        exeRegex: String? = nil, cgroupPrefix: String? = nil, cgroupRegex: String? = nil, uid: UInt32? = nil,
        comment: String? = nil
    ) {
        self.comm = comm
        self.commRegex = commRegex
        self.cmdlineRegex = cmdlineRegex
        self.exe = exe
        self.exeRegex = exeRegex
        self.cgroupPrefix = cgroupPrefix
        self.cgroupRegex = cgroupRegex
        self.uid = uid
        self.comment = comment
    }

    public init(from decoder: any Decoder) {
        var object = LenientObject<CodingKeys>(decoder)
        comm = object.optional(.comm)
        commRegex = object.optional(.commRegex)
        cmdlineRegex = object.optional(.cmdlineRegex)
        exe = object.optional(.exe)
        exeRegex = object.optional(.exeRegex)
        cgroupPrefix = object.optional(.cgroupPrefix)
        cgroupRegex = object.optional(.cgroupRegex)
        uid = object.optional(.uid)
        comment = object.optional(.comment)
        decodingIssues = object.issues
    }
}
