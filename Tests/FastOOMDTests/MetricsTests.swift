import KillPolicy
import LinuxSys
import MemSense
import Predictor
import TestSupport
import Testing

@testable import fastoomd

/// The metrics file for node_exporter's textfile collector: what `MetricsText` renders, checked
/// with a strict reader of the exposition format, and how `MetricsFile` replaces it.
@Suite struct MetricsTests {
    /// A cgroup path that needs every escape of a label value.
    static let oddTarget = "/kube\"pods\\burst\nable"

    static func sampleMetrics() -> Metrics {
        var metrics = Metrics()
        let node = metrics.addTarget("node")
        let group = metrics.addTarget(oddTarget)
        metrics.update(
            node, availableBytes: 8_589_934_592, assessment: Assessment(tMs: 0, state: .ok, probability: 0.00669),
            timeToExhaustionSeconds: .infinity)
        metrics.update(
            group, availableBytes: 12_288, assessment: Assessment(tMs: 0, state: .nearOOM, probability: 0.912_345),
            timeToExhaustionSeconds: 12.46)
        metrics.countKill(group, reason: "near_oom", wallMs: 1_795_923_000_123)
        metrics.countKill(group, reason: "near_oom", wallMs: 1_795_923_001_456)
        metrics.countKill(group, reason: "critical", wallMs: 1_795_923_002_789)
        return metrics
    }

    static func rendered(_ metrics: Metrics) -> String {
        var buffer: [UInt8] = []
        MetricsText.render(metrics, into: &buffer)
        return String(decoding: buffer, as: UTF8.self)
    }

    @Test func theRenderedTextParsesStrictlyWithEveryValue() throws {
        let parsed = try PrometheusTextParser(Self.rendered(Self.sampleMetrics()))
        let node = ["target": "node"]
        let group = ["target": Self.oddTarget]
        #expect(parsed.value("fastoomd_available_bytes", node) == 8_589_934_592)
        #expect(parsed.value("fastoomd_available_bytes", group) == 12_288)
        #expect(parsed.value("fastoomd_near_oom_probability", node) == 0.0067)
        #expect(parsed.value("fastoomd_near_oom_probability", group) == 0.9123)
        #expect(parsed.value("fastoomd_time_to_exhaustion_seconds", node) == .infinity)
        #expect(parsed.value("fastoomd_time_to_exhaustion_seconds", group) == 12.5)
        for state in AssessmentState.allCases {
            #expect(
                parsed.value("fastoomd_state", ["target": "node", "state": state.rawValue]) == (state == .ok ? 1 : 0))
            #expect(
                parsed.value("fastoomd_state", ["target": Self.oddTarget, "state": state.rawValue])
                    == (state == .nearOOM ? 1 : 0))
        }
        #expect(parsed.value("fastoomd_kills_total", ["target": Self.oddTarget, "reason": "near_oom"]) == 2)
        #expect(parsed.value("fastoomd_kills_total", ["target": Self.oddTarget, "reason": "critical"]) == 1)
        #expect(parsed.value("fastoomd_last_kill_timestamp_seconds", group) == 1_795_923_002.789)
        #expect(parsed.value("fastoomd_last_kill_timestamp_seconds", node) == nil)
        #expect(parsed.samples.count == 2 + 2 + 8 + 2 + 2 + 1)
        #expect(
            parsed.types == [
                "fastoomd_available_bytes": "gauge", "fastoomd_near_oom_probability": "gauge",
                "fastoomd_state": "gauge", "fastoomd_time_to_exhaustion_seconds": "gauge",
                "fastoomd_kills_total": "counter", "fastoomd_last_kill_timestamp_seconds": "gauge",
            ])
    }

    @Test func aLabelValueIsEscapedAsTheFormatSays() {
        let text = Self.rendered(Self.sampleMetrics())
        #expect(text.contains(#"fastoomd_available_bytes{target="/kube\"pods\\burst\nable"} 12288"#))
        #expect(text.contains(#"fastoomd_state{target="node",state="ok"} 1"#))
    }

    @Test(arguments: [
        (Double.nan, "NaN"), (-Double.infinity, "-Inf"), (0, "0.0"), (-0.04, "0.0"), (-2.26, "-2.3"),
        (1e20, "1e+20"),
    ])
    func numbersAreWrittenAtTheirDisplayPrecision(value: Double, text: String) throws {
        var metrics = Metrics()
        let node = metrics.addTarget("node")
        metrics.update(
            node, availableBytes: UInt64.max, assessment: Assessment(tMs: 0, state: .ok, probability: 1),
            timeToExhaustionSeconds: value)
        let rendered = Self.rendered(metrics)
        #expect(rendered.contains("fastoomd_time_to_exhaustion_seconds{target=\"node\"} \(text)\n"))
        #expect(rendered.contains("fastoomd_available_bytes{target=\"node\"} 18446744073709551615\n"))
        #expect(rendered.contains("fastoomd_near_oom_probability{target=\"node\"} 1.0000\n"))
        _ = try PrometheusTextParser(rendered)
    }

    /// The strict reader has teeth: each of these breaks one rule of the format.
    @Test(arguments: [
        "1bad_name 1\n", "m{target=node} 1\n", "m 1\nm 2\n", "m 1\n# TYPE m gauge\n", "m{a=\"x\\t\"} 1\n",
        "m 1\nn 1\nm 2\n", "m one\n", "m 1", "# TYPE m gauge\n# TYPE m counter\n", "m{__a=\"x\"} 1\n",
        "m{a=\"x\",a=\"y\"} 1\n",
    ])
    func theReaderRefusesTextThatBreaksTheFormat(text: String) {
        #expect(throws: PrometheusTextParser.Failure.self) { try PrometheusTextParser(text) }
    }

    @Test func theFileIsReplacedWhenTheTextChangesAndLeftAloneWhenItDoesNot() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/fastoomd.prom"
            var file = MetricsFile(path: path)
            var metrics = Self.sampleMetrics()
            #expect(try file.update(with: metrics))
            let first = try PlainFile.contents(of: path, limitBytes: 1 << 20)
            #expect(String(decoding: first, as: UTF8.self) == Self.rendered(metrics))
            let firstInode = try PlainFile.status(of: path)

            #expect(try !file.update(with: metrics))
            metrics.update(
                0, availableBytes: 8_589_934_592, assessment: Assessment(tMs: 1, state: .ok, probability: 0.00671),
                timeToExhaustionSeconds: .infinity)
            #expect(try !file.update(with: metrics), "a change below the display precision writes nothing")
            #expect(try PlainFile.status(of: path).isSameFile(as: firstInode))

            metrics.update(
                0, availableBytes: 4_294_967_296, assessment: Assessment(tMs: 2, state: .warn, probability: 0.55),
                timeToExhaustionSeconds: 30)
            #expect(try file.update(with: metrics))
            let second = try PlainFile.contents(of: path, limitBytes: 1 << 20)
            #expect(String(decoding: second, as: UTF8.self) == Self.rendered(metrics))
            #expect(try !PlainFile.status(of: path).isSameFile(as: firstInode), "renamed over, not rewritten in place")
            #expect(throws: ReadError.self) { try PlainFile.status(of: path + ".tmp") }
        }
    }

    /// The daemon writes the file on its ticks: a replayed hog shows up as one kill in its group.
    @Test func theDaemonKeepsTheFileOfItsTargetsAndCountsItsKill() throws {
        try withTemporaryDirectory { directory in
            let path = directory + "/fastoomd.prom"
            let rig = try DaemonTestRig(
                trace: "anon-ramp-fast-s1.jsonl.gz", control: { RecordingProcessControl(clock: $0) }, metricsPath: path)
            rig.run { rig in rig.recorded.contains { $0.kind == .kill } }
            let kill = try #require(rig.recorded.first { $0.kind == .kill })
            let reason = try #require(kill.trigger?.state)
            let text = String(decoding: try PlainFile.contents(of: path, limitBytes: 1 << 20), as: UTF8.self)
            let parsed = try PrometheusTextParser(text)
            #expect(parsed.value("fastoomd_kills_total", ["target": "/replay", "reason": reason]) == 1)
            #expect(parsed.samples.filter { $0.name == "fastoomd_kills_total" }.count == 1)
            let killSeconds = try #require(parsed.value("fastoomd_last_kill_timestamp_seconds", ["target": "/replay"]))
            #expect(abs(killSeconds * 1000 - Double(kill.wallMs)) <= 1000)
            #expect(parsed.value("fastoomd_state", ["target": "/replay", "state": reason]) == 1)
            #expect(
                parsed.value("fastoomd_available_bytes", ["target": "/replay"])
                    == kill.trigger.map { Double($0.availableBytes) })
            #expect(parsed.value("fastoomd_state", ["target": "node", "state": "ok"]) == 1)
        }
    }

    @Test func aFileInAMissingDirectoryIsAnErrorThatNamesIt() {
        var file = MetricsFile(path: "/nonexistent/fastoomd.prom")
        do throws(LinuxSysError) {
            try file.update(with: Self.sampleMetrics())
            Issue.record("expected an error")
        } catch {
            #expect(error == .failed(operation: "open /nonexistent/fastoomd.prom.tmp", errno: .noSuchFileOrDirectory))
        }
    }
}
