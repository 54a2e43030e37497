// swift-tools-version:6.1
import PackageDescription

/// The release daemon is one static executable: no shared libraries to map, lock and keep
/// resident (libstdc++, libm and ld.so alone cost 5 MiB of locked mappings). `FASTOOMD_DYNAMIC=1`
/// links it dynamically, for tools that preload a library into it (Benchmarks/daemon-allocations.sh).
let daemonLinkerSettings: [LinkerSetting] =
    Context.environment["FASTOOMD_DYNAMIC"] == nil
    ? [.unsafeFlags(["-static-executable"], .when(platforms: [.linux], configuration: .release))] : []

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

/// The same strictness on every Swift target, as swift-log does it.
for target in package.targets where target.type != .system && target.name != "CLinuxSys" {
    target.swiftSettings =
        (target.swiftSettings ?? []) + [
            .swiftLanguageMode(.v6),
            .enableUpcomingFeature("ExistentialAny"),
        ]
}
