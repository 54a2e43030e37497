import MemSense

#if canImport(Glibc)
    import Glibc
#endif

/// A POSIX extended regular expression compiled by the C library (`regcomp` with
/// `REG_EXTENDED | REG_NOSUB`): the dialect of earlyoom's `--prefer` and `--avoid`, so that their
/// patterns carry over unchanged. `[0-9]`, `[[:digit:]]`, `(a|b)`, `x{2,}` are ERE; Perl's `\d`,
/// `(?i)` and lookarounds are not. Text is matched byte by byte (the C locale).
///
/// It owns its `regex_t` and frees it exactly once, when the last reference goes. Not `Sendable`:
/// it holds a C pointer, and a policy lives on the daemon's single thread.
public final class POSIXRegex {
    private let compiled: UnsafeMutablePointer<regex_t>

    /// Compiles `pattern`; one the C library refuses is listed at `path` with its message
    /// (`regerror`) and gives nil, and so is one with a NUL character (`\u0000` in JSON).
    public init?(_ pattern: String, at path: String, issues: inout [ConfigIssue]) {
        guard !pattern.utf8.contains(0) else {
            // regcomp would read the pattern only up to it, and match something else.
            issues.append(ConfigIssue(path: path, "invalid regex: a C regex cannot hold a NUL character"))
            return nil
        }
        let regex = UnsafeMutablePointer<regex_t>.allocate(capacity: 1)
        let status = regcomp(regex, pattern, REG_EXTENDED | REG_NOSUB)
        guard status == 0 else {
            var message = [CChar](repeating: 0, count: 256)
            regerror(status, regex, &message, message.count)
            let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            issues.append(ConfigIssue(path: path, "invalid regex \"\(pattern)\": \(text)"))
            // A failed regcomp has freed what it allocated; `compiled` is left unset, so that
            // deinit, which would free it again, does not run.
            regex.deallocate()
            return nil
        }
        compiled = regex
    }

    deinit {
        regfree(compiled)
        compiled.deallocate()
    }

    /// Whether the pattern matches anywhere in `text` (a search, as grep does; anchor it with
    /// `^...$`). Text after a NUL byte is not seen, as C strings end there.
    public func occurs(in text: String) -> Bool {
        regexec(compiled, text, 0, nil, 0) == 0
    }
}
