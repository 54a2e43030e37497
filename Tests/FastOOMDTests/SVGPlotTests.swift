import MemSense
import Predictor
import TestSupport
import Testing

@testable import fastoomd

/// The plots of `replay --plot` and `events --plot`: well-formed XML (checked strictly), with
/// both series, the state bands and the kill markers where the data puts them.
@Suite struct SVGPlotTests {
    /// The x coordinate of `tMs` on a plot whose data spans `startMs...endMs`.
    static func x(_ tMs: Int64, from startMs: Int64, to endMs: Int64) -> Double {
        let area = SVGPlot.area
        return area.left + Double(tMs - startMs) / Double(endMs - startMs) * (area.right - area.left)
    }

    static func points(_ element: XMLChecker.Element?) -> [(Double, Double)] {
        (element?.attributes["points"] ?? "").split(separator: " ").compactMap { pair in
            let parts = pair.split(separator: ",")
            guard parts.count == 2, let x = Double(parts[0]), let y = Double(parts[1]) else { return nil }
            return (x, y)
        }
    }

    @Test func aReplayedTracePlotsEverySampleItsBandsAndTheKillAtItsTime() throws {
        let trace = FixturePaths.trace("anon-ramp-fast-s1.jsonl.gz")
        var reader = try TraceReader(path: trace)
        var times: [Int64] = []
        var kernelKillMs: Int64?
        while let record = try reader.next() {
            switch record {
            case .sample(let sample): times.append(sample.tMs)
            case .label(let label): if case .kernelOOMKill = label.event { kernelKillMs = label.tMs }
            }
        }
        let startMs = try #require(times.first)
        let endMs = try #require(times.last)
        try withTemporaryDirectory { directory in
            let path = directory + "/replay.svg"
            #expect(try ReplayCommand.run([trace, "--json", "--plot", path]) == .success)
            let svg = try XMLChecker(String(decoding: PlainFile.contents(of: path, limitBytes: 1 << 22), as: UTF8.self))
            #expect(svg.elements.first?.name == "svg")

            let available = Self.points(svg.elements("polyline", "id", "available").first)
            let probability = Self.points(svg.elements("polyline", "id", "probability").first)
            #expect(available.count == times.count)
            #expect(probability.count == times.count)
            #expect(available.first?.0 == SVGPlot.area.left)
            #expect(available.last?.0 == SVGPlot.area.right)
            #expect(probability.allSatisfy { (SVGPlot.area.top...SVGPlot.area.bottom).contains($0.1) })

            #expect(svg.elements("rect", "class", "band near_oom").count == 1)
            #expect(svg.elements("rect", "class", "band critical").count == 1)
            // The predictor acts once, at 8750 ms on this trace with the medium preset (ReplayTraceTests).
            let kills = svg.elements("line", "class", "kill")
            #expect(kills.count == 1)
            let killX = try #require(Double(kills.first?.attributes["x1"] ?? ""))
            #expect(abs(killX - Self.x(8750, from: startMs, to: endMs)) < 0.01)
            #expect(svg.elements("text", "class", "kill").map(\.text) == ["would kill"])
            let label = try #require(svg.elements("line", "class", "label").first)
            let labelX = try #require(Double(label.attributes["x1"] ?? ""))
            #expect(abs(labelX - Self.x(try #require(kernelKillMs), from: startMs, to: endMs)) < 0.01)
            #expect(svg.elements("text", "class", "label").map(\.text) == ["kernel OOM kill: hog"])
        }
    }

    @Test func theEventLogPlotsOneTargetsStatesAndKills() throws {
        func event(_ kind: Event.Kind, _ seconds: Int64, _ state: String, _ target: String = "/pod<7>") -> Event {
            var event = Event(kind, wallMs: 1_795_923_000_000 + seconds * 1000, tMs: seconds * 1000, target: target)
            event.trigger = Event.Trigger(
                state: state, probability: Double(seconds) / 20, reasons: [],
                availableBytes: UInt64(20 - seconds) << 20,
                totalBytes: 1 << 30)
            return event
        }
        var kill = event(.kill, 10, "critical")
        kill.victim = EventSamples.kill.victim
        let events = [
            Event(.started, wallMs: 1_795_922_990_000, tMs: 0), event(.stateChanged, 0, "warn"),
            event(.stateChanged, 5, "near_oom", "node"), kill, event(.stateChanged, 20, "ok"),
        ]
        let plot = EventPlot.plot(of: events, target: nil)
        let svg = try XMLChecker(plot.svg)
        #expect(
            svg.elements.first { $0.name == "title" }?.text == "fastoomd events: /pod<7> from 2026-11-29T03:30:00.000Z")
        #expect(Self.points(svg.elements("polyline", "id", "available").first).count == 3)
        #expect(svg.elements("rect", "class", "band warn").count == 1)
        #expect(svg.elements("rect", "class", "band critical").count == 1)
        #expect(svg.elements("rect", "class", "band near_oom").isEmpty, "the node's event is another target's")
        let line = try #require(svg.elements("line", "class", "kill").first)
        #expect(line.attributes["x1"] == "490.00")
        #expect(svg.elements("text", "class", "kill").map(\.text) == ["kill stress \"ng\" (4242)"])
    }

    /// The strict checker has teeth: each of these breaks one rule of XML.
    @Test(arguments: [
        "<a><b></a></b>", "<a x=1/>", "<a x=\"1\" x=\"2\"/>", "<a>&nbsp;</a>", "<a>x & y</a>", "<a/><b/>",
        "<a x=\"<\"/>", "<a>", "<1a/>",
    ])
    func theCheckerRefusesMalformedXML(text: String) {
        #expect(throws: XMLChecker.Failure.self) { try XMLChecker(text) }
    }

    @Test func xmlSpecialCharactersInTextAreEscaped() {
        #expect(SVGPlot.escaped(#"<a & "b" 'c'>"#) == "&lt;a &amp; &quot;b&quot; &apos;c&apos;&gt;")
    }
}
