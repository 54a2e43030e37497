#if canImport(Glibc)
    import Glibc
#endif

/// fastoomd's entry point: picks the subcommand and maps its outcome to an exit status.
let words = Array(CommandLine.arguments.dropFirst())
let status = FastOOMD.run(words)
exit(status.rawValue)
