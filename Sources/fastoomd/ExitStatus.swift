/// The documented exit statuses of every fastoomd command (README, "Exit statuses").
enum ExitStatus: Int32 {
    /// Done; for check-config, the configuration is valid.
    case success = 0
    /// check-config found errors; replay or record failed on its input.
    case failure = 1
    /// The command line was wrong.
    case usage = 2
    /// Start-up failed: a kernel file, a config file or a log could not be used.
    case startup = 3
}
