// swift-tools-version:6.1
import PackageDescription

/// The release daemon is one static executable: no shared libraries to map, lock and keep
/// resident (libstdc++, libm and ld.so alone cost 5 MiB of locked mappings). `FASTOOMD_DYNAMIC=1`
/// links it dynamically, for tools that preload a library into it (Benchmarks/daemon-allocations.sh).
///
/// At once a second a calm tick finds its code cold, so what it costs is mostly the pages and
/// cache lines it touches. Release builds put every function in a section of its own, and lld
/// places them in the order of Sources/fastoomd/calm-path.order (Benchmarks/calm-path-order.sh
/// writes it from a profile): the calm tick's functions, runtime and libc ones included, share
/// a few pages instead of some forty spread over the executable. Names the file lists that a
/// build lacks are skipped.
let releaseOnLinux = BuildSettingCondition.when(platforms: [.linux], configuration: .release)
let calmPathOrder = Context.packageDirectory + "/Sources/fastoomd/calm-path.order"
let daemonLinkerSettings: [LinkerSetting] =
    (Context.environment["FASTOOMD_DYNAMIC"] == nil ? [.unsafeFlags(["-static-executable"], releaseOnLinux)] : [])
    + [
        .unsafeFlags(
            [
                "-use-ld=lld", "-Xlinker", "--symbol-ordering-file=\(calmPathOrder)", "-Xlinker",
                "--no-warn-symbol-ordering",
            ], releaseOnLinux)
    ]

let package = Package(
    name: "fastoomd",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "fastoomd", targets: ["fastoomd"])
    ],
    targets: [
        .target(name: "CLinuxSys"),
        .target(name: "LinuxSys", dependencies: ["CLinuxSys"]),
        .target(name: "MemSense"),
        .target(name: "Predictor", dependencies: ["MemSense"]),
        .target(name: "KillPolicy", dependencies: ["MemSense"]),
        .executableTarget(
            name: "fastoomd",
            dependencies: ["MemSense", "Predictor", "KillPolicy", "LinuxSys"],
            exclude: ["calm-path.order"],
            linkerSettings: daemonLinkerSettings
        ),
        .executableTarget(
            name: "kill-policy-bench",
            dependencies: ["MemSense", "Predictor", "KillPolicy", "LinuxSys", "TestSupport"],
            path: "Benchmarks/kill-policy"
        ),
        .executableTarget(
            name: "fastoomd-bench", dependencies: ["MemSense", "Predictor"], path: "Benchmarks/fastoomd-bench"),
        .target(
            name: "TestSupport",
            dependencies: ["MemSense", "KillPolicy", "LinuxSys"],
            path: "Tests/TestSupport"
        ),
        .testTarget(name: "MemSenseTests", dependencies: ["MemSense", "TestSupport"]),
        .testTarget(name: "LinuxSysTests", dependencies: ["LinuxSys", "TestSupport"]),
        .testTarget(name: "PredictorTests", dependencies: ["Predictor", "MemSense", "TestSupport"]),
        .testTarget(
            name: "FastOOMDTests", dependencies: ["fastoomd", "MemSense", "KillPolicy", "LinuxSys", "TestSupport"]),
        .testTarget(name: "KillPolicyTests", dependencies: ["KillPolicy", "MemSense", "TestSupport"]),
    ]
)

/// The same strictness on every Swift target, as swift-log does it. Release builds leave out the
/// runtime's exclusivity checks (debug builds and the tests keep them): a calm tick made a dozen
/// of them, each a thread-local lookup and an access-set entry on cold cache lines.
for target in package.targets where target.type != .system && target.name != "CLinuxSys" {
    target.swiftSettings =
        (target.swiftSettings ?? []) + [
            .swiftLanguageMode(.v6),
            .enableUpcomingFeature("ExistentialAny"),
            .unsafeFlags(["-Xfrontend", "-function-sections", "-enforce-exclusivity=unchecked"], releaseOnLinux),
        ]
}
