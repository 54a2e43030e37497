import MemSense
import Predictor

/// A self-contained SVG chart of one target over time, for `replay --plot` and `events --plot`:
/// available memory (left axis), the near-OOM probability (right axis, 0 to 1), a band for each
/// stretch of time spent in warn, near_oom or critical, and a vertical line for each kill.
/// Pure: it takes values and returns the text; no fonts, scripts or links outside the file.
///
/// The parts carry ids and classes that tests and style sheets can find: `<polyline id="available">`,
/// `<polyline id="probability">`, `<rect class="band near_oom">`, `<line class="kill">`.
struct SVGPlot: Sendable, Equatable {
    struct Point: Sendable, Equatable {
        var tMs: Int64
        var value: Double
    }

    struct Band: Sendable, Equatable {
        var startMs: Int64
        var endMs: Int64
        var state: AssessmentState
    }

    struct Marker: Sendable, Equatable {
        var tMs: Int64
        var label: String
        /// `kill` for a kill or a kill replay would have made, `label` for a recorded event.
        var kind: String = "kill"
    }

    var title: String
    /// The time the x axis counts seconds from.
    var originMs: Int64 = 0
    var available: [Point] = []
    var probability: [Point] = []
    var bands: [Band] = []
    var markers: [Marker] = []

    static let width = 960.0
    static let height = 440.0
    /// The plot area inside the margins that hold the axes, their labels and the legend.
    static let area = (left: 90.0, right: 890.0, top: 50.0, bottom: 370.0)

    init(title: String, originMs: Int64 = 0) {
        self.title = title
        self.originMs = originMs
    }

    /// Whether the last band is still open (its target has not left that state yet).
    private var isOpen = false

    /// Follows the target's state at `tMs`: extends the open band, and opens a band on entering
    /// warn, near_oom or critical (ok has no band). Call it in time order.
    mutating func track(state: AssessmentState, atMs tMs: Int64) {
        if isOpen, let last = bands.indices.last {
            bands[last].endMs = max(bands[last].endMs, tMs)
            if bands[last].state == state { return }
            isOpen = false
        }
        if state != .ok {
            bands.append(Band(startMs: tMs, endMs: tMs, state: state))
            isOpen = true
        }
    }

    var svg: String {
        let times = available.map(\.tMs) + probability.map(\.tMs) + markers.map(\.tMs) + bands.map(\.endMs)
        let startMs = min(times.min() ?? originMs, originMs)
        let endMs = max(times.max() ?? startMs + 1000, startMs + 1000)
        let x = Scale(
            from: Double(startMs - originMs) / 1000, Double(endMs - originMs) / 1000, to: Self.area.left,
            Self.area.right)
        let maxBytes = max(available.map(\.value).max() ?? 1, 1)
        let unit = Self.byteUnit(for: maxBytes)
        let bytes = Scale(from: 0, maxBytes / unit.bytes, to: Self.area.bottom, Self.area.top)
        let chance = Scale(from: 0, 1, to: Self.area.bottom, Self.area.top)
        func xPosition(_ tMs: Int64) -> Double { x.position(Double(tMs - originMs) / 1000) }

        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(Self.width))" height="\(Int(Self.height))" \
            viewBox="0 0 \(Int(Self.width)) \(Int(Self.height))" font-family="sans-serif" font-size="12">
            <title>\(Self.escaped(title))</title>
            <rect width="100%" height="100%" fill="white"/>
            <text x="\(Self.number(Self.width / 2))" y="24" text-anchor="middle" font-size="16">\(Self.escaped(title))</text>

            """
        for band in bands {
            let left = xPosition(band.startMs)
            let right = max(xPosition(band.endMs), left + 1)
            out +=
                "<rect class=\"band \(band.state.rawValue)\" x=\"\(Self.number(left))\" y=\"\(Self.number(Self.area.top))\" "
            out += "width=\"\(Self.number(right - left))\" height=\"\(Self.number(Self.area.bottom - Self.area.top))\" "
            out += "fill=\"\(Self.colour(of: band.state))\" fill-opacity=\"0.45\"/>\n"
        }
        out += axes(x: x, bytes: bytes, unit: unit.name, chance: chance)
        out += polyline("available", available, colour: "#1f77b4") {
            (xPosition($0.tMs), bytes.position($0.value / unit.bytes))
        }
        out += polyline("probability", probability, colour: "#d62728") {
            (xPosition($0.tMs), chance.position($0.value))
        }
        // Labels sit inside the plot, staggered over three rows so that close markers stay legible.
        for (index, marker) in markers.sorted(by: { $0.tMs < $1.tMs }).enumerated() {
            let position = Self.number(xPosition(marker.tMs))
            let labelY = Self.number(Self.area.top + 14 + Double(index % 3) * 14)
            let colour = marker.kind == "kill" ? "black" : "#7f3fbf"
            out +=
                "<line class=\"\(marker.kind)\" x1=\"\(position)\" y1=\"\(Self.number(Self.area.top))\" x2=\"\(position)\" "
            out +=
                "y2=\"\(Self.number(Self.area.bottom))\" stroke=\"\(colour)\" stroke-width=\"1.5\" stroke-dasharray=\"4 3\"/>\n"
            out += "<text class=\"\(marker.kind)\" x=\"\(position)\" y=\"\(labelY)\" dx=\"3\" "
            out += "fill=\"\(colour)\">\(Self.escaped(marker.label))</text>\n"
        }
        out += legend()
        out += "</svg>\n"
        return out
    }

    /// Writes the SVG to `path` (created or truncated).
    func write(to path: String) throws(FileWriteError) {
        let file = try PlainFile(creating: path)
        try Array(svg.utf8).withUnsafeBufferPointer { (bytes) throws(FileWriteError) in try file.write(bytes) }
        try file.close()
    }

    /// A linear map from data values to SVG coordinates.
    private struct Scale {
        let low: Double
        let high: Double
        let start: Double
        let end: Double

        init(from low: Double, _ high: Double, to start: Double, _ end: Double) {
            self.low = low
            self.high = high > low ? high : low + 1
            self.start = start
            self.end = end
        }

        func position(_ value: Double) -> Double { start + (value - low) / (high - low) * (end - start) }

        /// Round values (1, 2 or 5 times a power of ten) about `count` apart over the range.
        func ticks(count: Double = 6) -> [Double] {
            let raw = (high - low) / count
            var power = 1.0
            while power * 10 <= raw { power *= 10 }
            while power > raw { power /= 10 }
            let step = [1.0, 2, 5, 10].map { $0 * power }.first { $0 >= raw } ?? power * 10
            var value = (low / step).rounded(.up) * step
            var values: [Double] = []
            while value <= high + step * 1e-9 {
                values.append(value)
                value += step
            }
            return values
        }
    }

    private func axes(x: Scale, bytes: Scale, unit: String, chance: Scale) -> String {
        let area = Self.area
        var out = "<g class=\"axes\" stroke=\"#444\" fill=\"none\">\n"
        out +=
            "<rect x=\"\(Self.number(area.left))\" y=\"\(Self.number(area.top))\" width=\"\(Self.number(area.right - area.left))\" "
        out += "height=\"\(Self.number(area.bottom - area.top))\"/>\n</g>\n<g class=\"ticks\" fill=\"#222\">\n"
        for value in x.ticks() {
            let position = Self.number(x.position(value))
            out += "<line x1=\"\(position)\" y1=\"\(Self.number(area.bottom))\" x2=\"\(position)\" "
            out += "y2=\"\(Self.number(area.bottom + 5))\" stroke=\"#444\"/>"
            out +=
                "<text x=\"\(position)\" y=\"\(Self.number(area.bottom + 18))\" text-anchor=\"middle\">\(Self.label(value))</text>\n"
        }
        for value in bytes.ticks() {
            let position = Self.number(bytes.position(value))
            out += "<line x1=\"\(Self.number(area.left - 5))\" y1=\"\(position)\" x2=\"\(Self.number(area.left))\" "
            out += "y2=\"\(position)\" stroke=\"#444\"/>"
            out +=
                "<text x=\"\(Self.number(area.left - 8))\" y=\"\(position)\" text-anchor=\"end\" dy=\"4\">\(Self.label(value))</text>\n"
        }
        for value in chance.ticks(count: 5) {
            let position = Self.number(chance.position(value))
            out += "<line x1=\"\(Self.number(area.right))\" y1=\"\(position)\" x2=\"\(Self.number(area.right + 5))\" "
            out += "y2=\"\(position)\" stroke=\"#444\"/>"
            out += "<text x=\"\(Self.number(area.right + 8))\" y=\"\(position)\" dy=\"4\">\(Self.label(value))</text>\n"
        }
        let middle = Self.number((area.top + area.bottom) / 2)
        out += "<text x=\"\(Self.number((area.left + area.right) / 2))\" y=\"\(Self.number(area.bottom + 38))\" "
        out += "text-anchor=\"middle\">time (s)</text>\n"
        out += "<text x=\"20\" y=\"\(middle)\" text-anchor=\"middle\" transform=\"rotate(-90 20 \(middle))\" "
        out += "fill=\"#1f77b4\">available (\(unit))</text>\n"
        out += "<text x=\"\(Self.number(Self.width - 20))\" y=\"\(middle)\" text-anchor=\"middle\" "
        out +=
            "transform=\"rotate(90 \(Self.number(Self.width - 20)) \(middle))\" fill=\"#d62728\">near-OOM probability</text>\n"
        return out + "</g>\n"
    }

    private func polyline(
        _ id: String, _ points: [Point], colour: String, position: (Point) -> (Double, Double)
    ) -> String {
        let coordinates = points.map { point in
            let (x, y) = position(point)
            return Self.number(x) + "," + Self.number(y)
        }
        return "<polyline id=\"\(id)\" class=\"series\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.5\" "
            + "points=\"\(coordinates.joined(separator: " "))\"/>\n"
    }

    private func legend() -> String {
        let y = Self.number(Self.height - 14)
        var out = "<g class=\"legend\">\n"
        let entries: [(String, String, Bool)] = [
            ("available", "#1f77b4", false), ("probability", "#d62728", false),
            ("warn", Self.colour(of: .warn), true), ("near_oom", Self.colour(of: .nearOOM), true),
            ("critical", Self.colour(of: .critical), true), ("kill", "black", false),
        ]
        for (index, (name, colour, isBand)) in entries.enumerated() {
            let left = Self.area.left + Double(index) * 120
            if isBand {
                out +=
                    "<rect x=\"\(Self.number(left))\" y=\"\(Self.number(Self.height - 24))\" width=\"18\" height=\"12\" "
                out += "fill=\"\(colour)\" fill-opacity=\"0.45\"/>"
            } else {
                out +=
                    "<line x1=\"\(Self.number(left))\" y1=\"\(Self.number(Self.height - 18))\" x2=\"\(Self.number(left + 18))\" "
                out += "y2=\"\(Self.number(Self.height - 18))\" stroke=\"\(colour)\" stroke-width=\"2\"/>"
            }
            out += "<text x=\"\(Self.number(left + 24))\" y=\"\(y)\">\(name)</text>\n"
        }
        return out + "</g>\n"
    }

    private static func colour(of state: AssessmentState) -> String {
        switch state {
        case .ok: "#ffffff"
        case .warn: "#ffe08a"
        case .nearOOM: "#ffa64d"
        case .critical: "#ff4d4d"
        }
    }

    /// The binary unit that keeps the largest value between 1 and 1024.
    private static func byteUnit(for maxBytes: Double) -> (name: String, bytes: Double) {
        var unit = (name: "B", bytes: 1.0)
        for name in ["KiB", "MiB", "GiB", "TiB"] where maxBytes >= unit.bytes * 1024 {
            unit = (name, unit.bytes * 1024)
        }
        return unit
    }

    /// A coordinate with two decimals.
    private static func number(_ value: Double) -> String { EventRendering.format(value, digits: 2) }

    /// A tick label without trailing zeros: `0.5`, `120`.
    private static func label(_ value: Double) -> String {
        var text = EventRendering.format(value, digits: 3)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// Text for an element's content or an attribute: the five XML special characters escaped.
    static func escaped(_ text: String) -> String {
        var out = ""
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            default: out.append(character)
            }
        }
        return out
    }
}
