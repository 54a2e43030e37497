import Glibc
import Testing

extension Tag {
    /// Tests that need the real kernel: memory cgroups, pidfds, PSI, this machine's /proc.
    @Tag public static var kernel: Self
}

/// Decides whether real-kernel tests run. They need root; a non-root run skips them, unless
/// `FASTOOMD_REQUIRE_KERNEL_TESTS=1` (set by .ci/run) is present, in which case they run
/// anyway and fail where the kernel refuses, so that a skip can never pass for a pass in CI.
public enum KernelGate {
    public static var isRequired: Bool {
        getenv("FASTOOMD_REQUIRE_KERNEL_TESTS").map { String(cString: $0) == "1" } ?? false
    }

    public static var shouldRun: Bool {
        isRequired || geteuid() == 0
    }
}

/// Where the package's test fixtures are, found from this file's own path.
public enum FixturePaths {
    /// The package root: the folder that holds Package.swift.
    public static let packageRoot: String = {
        var path = #filePath
        for _ in 0..<3 {
            guard let slash = path.lastIndex(of: "/") else { break }
            path = String(path[..<slash])
        }
        return path
    }()

    /// `Tests/Fixtures/kernel/<source>/<variant>`.
    public static func kernelVariant(_ source: String, _ variant: String) -> String {
        packageRoot + "/Tests/Fixtures/kernel/" + source + "/" + variant
    }

    /// `Tests/Fixtures/containers/<layout>`: a container discovery tree with its runtime root.
    public static func containerLayout(_ layout: String) -> String {
        packageRoot + "/Tests/Fixtures/containers/" + layout
    }

    /// `Tests/Fixtures/traces/<name>`.
    public static func trace(_ name: String) -> String {
        packageRoot + "/Tests/Fixtures/traces/" + name
    }
}
