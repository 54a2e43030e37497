import MemSense

/// Times each node parser alone on this machine's files, read once into memory: the part of
/// a node sample that is not a system call.
struct ParseBenchmark {
    let procRoot: String
    let iterations: Int

    func run() throws(BenchmarkError) {
        let source = DirectorySource(procRoot: procRoot)
        var cpu = CPUStat()
        var checksum: UInt64 = 0
        try time("meminfo") { bytes throws(ParseError) in checksum &+= try MemInfo(parsing: bytes).totalBytes }
        try time("vmstat") { bytes throws(ParseError) in checksum &+= try VMStat(parsing: bytes).majorFaults }
        try time("stat") { bytes throws(ParseError) in
            try cpu.update(parsing: bytes)
            checksum &+= cpu.total.totalTicks
        }
        for resource in ["memory", "io", "cpu"] {
            try time("pressure/\(resource)") { bytes throws(ParseError) in
                checksum &+= try PressureFile(parsing: bytes).pressure?.someTotalUs ?? 0
            }
        }
        print("(checksum \(checksum))")

        func time(_ name: String, _ parse: (UnsafeBufferPointer<UInt8>) throws(ParseError) -> Void)
            throws(BenchmarkError)
        {
            let bytes: [UInt8]
            do { bytes = try source.contents(of: "proc/" + name) } catch { throw .sampling(.unreadable(error)) }
            var timingsNs: [UInt64] = []
            timingsNs.reserveCapacity(iterations)
            do {
                try bytes.withUnsafeBufferPointer { (buffer) throws(ParseError) in
                    for _ in 0..<iterations {
                        timingsNs.append(try MonotonicClock.measureNs { () throws(ParseError) in try parse(buffer) })
                    }
                }
            } catch {
                throw .sampling(error.at("proc/" + name))
            }
            print("parse \(name) (\(bytes.count) bytes): \(TimingSummary(timingsNs).description)")
        }
    }
}
