import MemSense
import Testing

@Test func emptyArgumentsInsideTheCommandLineAreKept() throws {
    let arguments = try parse(fixture: "local-6.18", "process-edge-cases", "proc/16945/cmdline") {
        ProcessCommandLine.arguments(parsing: $0)
    }
    #expect(arguments == ["bash", "-c", "sleep 60; :", "arg with spaces", "", "last"])
}

@Test func kernelThreadsAndZombiesHaveNoArguments() throws {
    for pid in [2, 10, 16951] {
        let arguments = try parse(fixture: "local-6.18", "process-edge-cases", "proc/\(pid)/cmdline") {
            ProcessCommandLine.arguments(parsing: $0)
        }
        #expect(arguments.isEmpty)
    }
}

@Test func argumentsWithNewlinesStayWhole() throws {
    let arguments = try parse(fixture: "local-6.18", "memcg-near-limit", "proc/18390/cmdline") {
        ProcessCommandLine.arguments(parsing: $0)
    }
    #expect(arguments.count == 3)
    #expect(arguments[0] == "/root/.pyenv/versions/3.11.7/bin/python3")
    #expect(arguments[2].hasPrefix("\nimport time\n"))
}

@Test func vimCommandLineIsSplitOnNULs() throws {
    let arguments = try parse(fixture: "procfs", "fixtures-ttar", "proc/26231/cmdline") {
        ProcessCommandLine.arguments(parsing: $0)
    }
    #expect(arguments == ["vim", "test.go", "+10"])
}

@Test func nulPaddingAfterARewrittenArgvIsDropped() throws {
    let arguments = try parse(fixture: "procfs", "fixtures-ttar", "proc/26233/cmdline") {
        ProcessCommandLine.arguments(parsing: $0)
    }
    #expect(arguments == ["com.github.uiautomator"])
}

@Test func commandLineWithoutAFinalNULKeepsItsLastArgument() throws {
    let arguments = try parse("nginx: worker process") { ProcessCommandLine.arguments(parsing: $0) }
    #expect(arguments == ["nginx: worker process"])
}
