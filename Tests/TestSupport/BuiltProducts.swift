import Glibc

/// The executables the package builds, found beside the test bundle that is running, so that
/// tests run the same `fastoomd` binary a user would.
public enum BuiltProducts {
    /// `.build/<configuration>/fastoomd`.
    public static var fastoomd: String {
        let bundle = CommandLine.arguments.first ?? ""
        let directory = bundle.lastIndex(of: "/").map { String(bundle[..<$0]) } ?? "."
        return directory + "/fastoomd"
    }
}
