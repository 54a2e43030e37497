import Glibc
import LinuxSys
import TestSupport
import Testing

@testable import fastoomd

@Suite struct FilePermissionsTests {
    @Test func aRootOwnedFileWritableOnlyByItsOwnerIsTrusted() {
        let metadata = FileMetadata(kind: .regular, ownerUID: 0, mode: 0o644)
        #expect(FilePermissions.problems(of: metadata, at: "/etc/x", expected: .regular, trustedUIDs: [0]).isEmpty)
    }

    @Test func groupOrWorldWriteAnotherOwnerOrTheWrongKindIsNamed() {
        let metadata = FileMetadata(kind: .directory, ownerUID: 1000, mode: 0o1777)
        #expect(
            FilePermissions.problems(of: metadata, at: "/tmp", expected: .regular, trustedUIDs: [0]) == [
                "/tmp: is a directory, not a regular file",
                "/tmp: owned by uid 1000, not root; only root may own it",
                "/tmp: writable by group or others (mode 1777); chmod go-w it",
            ])
    }

    @Test func aSymlinksOwnModeIsIgnored() {
        let link = FileMetadata(kind: .symlink, ownerUID: 0, mode: 0o777)
        #expect(FilePermissions.problems(of: link, at: "/bin", expected: .symlink, trustedUIDs: [0]).isEmpty)
    }

    @Test(arguments: [("/etc/fastoomd/policy.json", "/etc/fastoomd"), ("policy.json", "."), ("/x", "/")])
    func theDirectoryOfAPath(path: String, directory: String) {
        #expect(FilePermissions.directory(of: path) == directory)
    }

    @Test(.tags(.kernel), .enabled(if: KernelGate.shouldRun))
    func systemExecutablesAreTrustedEvenThroughASymlinkedDirectory() {
        #expect(FilePermissions.problems(ofFileAt: "/bin/sleep", role: .executable, trustedUIDs: [0]) == [])
    }

    @Test(.tags(.kernel), .enabled(if: KernelGate.shouldRun))
    func aGroupOrWorldWritableFileOrDirectoryIsRefused() throws {
        try withTemporaryDirectory { directory in
            let file = directory + "/policy.json"
            try makeFile(file, mode: 0o644)
            #expect(FilePermissions.problems(ofFileAt: file, role: .configuration, trustedUIDs: [0]) == [])
            chmod(file, 0o664)
            #expect(
                FilePermissions.problems(ofFileAt: file, role: .configuration, trustedUIDs: [0]) == [
                    "\(file): writable by group or others (mode 0664); chmod go-w it"
                ])
            chmod(file, 0o646)
            #expect(FilePermissions.problems(ofFileAt: file, role: .configuration, trustedUIDs: [0]).count == 1)
            chmod(file, 0o644)
            chmod(directory, 0o777)
            #expect(
                FilePermissions.problems(ofFileAt: file, role: .configuration, trustedUIDs: [0]) == [
                    "\(directory): writable by group or others (mode 0777); chmod go-w it"
                ])
            chmod(directory, 0o700)
        }
    }

    @Test(.tags(.kernel), .enabled(if: KernelGate.shouldRun))
    func aFileOwnedBySomeoneElseIsRefused() throws {
        try withTemporaryDirectory { directory in
            let file = directory + "/hook"
            try makeFile(file, mode: 0o755)
            try #require(chown(file, 65534, 65534) == 0, "chown needs CAP_CHOWN")
            #expect(
                FilePermissions.problems(ofFileAt: file, role: .executable, trustedUIDs: [0]) == [
                    "\(file): owned by uid 65534, not root; only root may own it"
                ])
        }
    }

    @Test(.tags(.kernel), .enabled(if: KernelGate.shouldRun))
    func aSymlinkToAWritableFileIsRefusedByItsTarget() throws {
        try withTemporaryDirectory { trusted in
            try withTemporaryDirectory { open in
                chmod(open, 0o777)
                let target = open + "/hook"
                try makeFile(target, mode: 0o755)
                let link = trusted + "/hook"
                #expect(symlink(target, link) == 0)
                #expect(
                    FilePermissions.problems(ofFileAt: link, role: .executable, trustedUIDs: [0]) == [
                        "\(open): writable by group or others (mode 0777); chmod go-w it"
                    ])
                chmod(open, 0o700)
            }
        }
    }

    @Test(.tags(.kernel), .enabled(if: KernelGate.shouldRun))
    func aHookThatIsNotExecutableOrMissingIsRefused() throws {
        try withTemporaryDirectory { directory in
            let file = directory + "/hook"
            try makeFile(file, mode: 0o644)
            #expect(
                FilePermissions.problems(ofFileAt: file, role: .executable, trustedUIDs: [0]) == [
                    "\(file): not executable by its owner (mode 0644)"
                ])
            let missing = FilePermissions.problems(ofFileAt: directory + "/none", role: .executable, trustedUIDs: [0])
            #expect(missing == ["lstat \(directory)/none: ENOENT (no such file or directory)"])
        }
    }
}

/// Creates an empty file at `path` with `mode` (less the umask).
func makeFile(_ path: String, mode: mode_t) throws {
    let fd = creat(path, mode)
    try #require(fd >= 0, "creat \(path)")
    close(fd)
}
