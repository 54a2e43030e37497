import Glibc
import TestSupport
import Testing

@Test func fixturePathsPointAtThePackage() {
    #expect(access(FixturePaths.packageRoot + "/Package.swift", F_OK) == 0)
    #expect(access(FixturePaths.kernelVariant("local-6.18", "idle-shell") + "/proc/meminfo", F_OK) == 0)
}
