import KillPolicy
import MemSense
import Testing

/// The compiled `pattern`, and the problems compiling it listed at `rule.comm_regex`.
private func compile(_ pattern: String) -> (POSIXRegex?, [ConfigIssue]) {
    var issues: [ConfigIssue] = []
    let regex = POSIXRegex(pattern, at: "rule.comm_regex", issues: &issues)
    return (regex, issues)
}

@Suite struct POSIXRegexTests {
    /// The shipped policy's and the Kubernetes example's patterns mean what they meant as Swift
    /// regexes; the others are POSIX ERE as earlyoom's --prefer and --avoid read them.
    @Test(arguments: [
        ("^sshd(-session|-auth)?$", "sshd", true),
        ("^sshd(-session|-auth)?$", "sshd-session", true),
        ("^sshd(-session|-auth)?$", "sshd-auth", true),
        ("^sshd(-session|-auth)?$", "sshd-sessions", false),
        ("^sshd(-session|-auth)?$", "xsshd", false),
        ("^(kubelet|containerd|crio|dockerd|sshd|systemd|systemd-journal)$", "systemd-journal", true),
        ("^(kubelet|containerd|crio|dockerd|sshd|systemd|systemd-journal)$", "systemd-journald", false),
        ("java .*-jar kafka", "/usr/bin/java -Xmx1g -jar kafka.jar", true),
        ("[[:digit:]]{3}", "pod-123", true),
        ("[[:digit:]]{3}", "pod-12", false),
        ("/pod-critical[0-9]+/", "/kubepods/pod-critical7/c1", true),
        ("a\\.b", "a.b", true),
        ("a\\.b", "axb", false),
        ("^(chrome|firefox)$", "Chrome", false),
        ("é", "café", true),
    ])
    func anExtendedRegexIsSearchedAnywhereInTheText(pattern: String, text: String, matches: Bool) throws {
        let (regex, issues) = compile(pattern)
        #expect(issues.isEmpty)
        #expect(try #require(regex).occurs(in: text) == matches)
    }

    @Test(arguments: [
        ("(", "Unmatched ( or \\("),
        ("[a", "Unmatched [, [^, [:, [., or [="),
        ("a{2,1}", "Invalid content of \\{\\}"),
        ("[z-a]", "Invalid range end"),
        ("x\\", "Trailing backslash"),
    ])
    func anInvalidRegexIsListedAtItsPathWithTheCLibraryMessage(pattern: String, message: String) {
        let (regex, issues) = compile(pattern)
        #expect(regex == nil)
        #expect(issues == [ConfigIssue(path: "rule.comm_regex", "invalid regex \"\(pattern)\": \(message)")])
    }

    @Test func aPatternWithANulCharacterIsRefusedRatherThanCutShort() {
        let (regex, issues) = compile("^sshd\u{0}x")
        #expect(regex == nil)
        #expect(
            issues == [ConfigIssue(path: "rule.comm_regex", "invalid regex: a C regex cannot hold a NUL character")])
    }

    @Test func aPolicyListsAnInvalidRegexAtItsJSONPath() throws {
        let text =
            #"{"kill_policy": {"protect": [{"comm": "sshd"}], "avoid": [], "prefer": [{"comm_regex": "^(a|b"}]}}"#
        #expect(
            try issues(ofJSON: text) == [
                ConfigIssue(path: "kill_policy.prefer[0].comm_regex", #"invalid regex "^(a|b": Unmatched ( or \("#)
            ])
    }
}
