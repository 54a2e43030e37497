/// A strict reader of the Prometheus text exposition format (0.0.4), for checking what
/// `MetricsText` renders: metric and label names by their regexes, label values with only the
/// `\\`, `\"` and `\n` escapes, at most one HELP and one TYPE per family and the TYPE before its
/// samples, each family in one group, no duplicate series, values as Go's ParseFloat reads them
/// (NaN, +Inf, -Inf included), and a newline at the end of the text.
struct PrometheusTextParser {
    struct Sample: Equatable {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    struct Failure: Error, Equatable {
        var line: Int
        var reason: String
    }

    private(set) var samples: [Sample] = []
    private(set) var types: [String: String] = [:]
    private var helps: Set<String> = []
    private var familiesDone: Set<String> = []
    private var currentFamily: String?
    private var series: Set<String> = []

    init(_ text: String) throws(Failure) {
        guard text.isEmpty || text.hasSuffix("\n") else { throw Failure(line: 0, reason: "no newline at the end") }
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().enumerated() {
            try read(Substring(line), number: index + 1)
        }
    }

    /// The value of the one sample of `name` whose labels are `labels`.
    func value(_ name: String, _ labels: [String: String]) -> Double? {
        samples.first { $0.name == name && $0.labels == labels }?.value
    }

    private mutating func read(_ line: Substring, number: Int) throws(Failure) {
        func fail(_ reason: String) -> Failure { Failure(line: number, reason: reason) }
        if line.isEmpty { return }
        if line.hasPrefix("#") {
            let words = line.split(separator: " ", maxSplits: 3, omittingEmptySubsequences: false)
            guard words.count >= 3, words[0] == "#", words[1] == "HELP" || words[1] == "TYPE" else { return }
            let name = String(words[2])
            guard Self.isMetricName(name) else { throw fail("bad metric name \"\(name)\"") }
            let rest = words.count > 3 ? words[3] : ""
            if words[1] == "HELP" {
                guard helps.insert(name).inserted else { throw fail("second HELP for \(name)") }
                guard Self.isValidHelp(rest) else { throw fail("bad escape in HELP of \(name)") }
            } else {
                guard types[name] == nil else { throw fail("second TYPE for \(name)") }
                guard ["counter", "gauge", "histogram", "summary", "untyped"].contains(rest) else {
                    throw fail("unknown type \"\(rest)\"")
                }
                guard !series.contains(where: { $0.hasPrefix(name + "{") }) else {
                    throw fail("TYPE of \(name) after its samples")
                }
                types[name] = String(rest)
            }
            try enter(family: name, fail)
            return
        }
        var rest = line[...]
        let name = String(rest.prefix { $0 != "{" && $0 != " " })
        guard Self.isMetricName(name) else { throw fail("bad metric name \"\(name)\"") }
        rest = rest.dropFirst(name.count)
        var labels: [String: String] = [:]
        if rest.first == "{" {
            rest = rest.dropFirst()
            while rest.first != "}" {
                let labelName = String(rest.prefix { $0 != "=" })
                guard Self.isLabelName(labelName) else { throw fail("bad label name \"\(labelName)\"") }
                rest = rest.dropFirst(labelName.count)
                guard rest.first == "=", rest.dropFirst().first == "\"" else { throw fail("label value not quoted") }
                rest = rest.dropFirst(2)
                var value = ""
                while true {
                    guard let character = rest.first else { throw fail("label value not closed") }
                    rest = rest.dropFirst()
                    if character == "\"" { break }
                    if character == "\\" {
                        switch rest.first {
                        case "\\": value.append("\\")
                        case "\"": value.append("\"")
                        case "n": value.append("\n")
                        default: throw fail("bad escape in label value")
                        }
                        rest = rest.dropFirst()
                    } else {
                        value.append(character)
                    }
                }
                guard labels.updateValue(value, forKey: labelName) == nil else {
                    throw fail("label \(labelName) twice")
                }
                if rest.first == "," {
                    rest = rest.dropFirst()
                } else if rest.first != "}" {
                    throw fail("expected , or } after a label")
                }
            }
            rest = rest.dropFirst()
        }
        guard rest.first == " " else { throw fail("no space before the value") }
        let fields = rest.dropFirst().split(separator: " ", omittingEmptySubsequences: false)
        guard (1...2).contains(fields.count), let value = Self.float(fields[0]) else {
            throw fail("bad value \"\(rest.dropFirst())\"")
        }
        if fields.count == 2, Int64(fields[1]) == nil { throw fail("bad timestamp") }
        try enter(family: name, fail)
        let key = name + "{" + labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
        guard series.insert(key).inserted else { throw fail("duplicate series \(key)") }
        samples.append(Sample(name: name, labels: labels, value: value))
    }

    /// Every line of a family in one group: a family left may not come back.
    private mutating func enter(family name: String, _ fail: (String) -> Failure) throws(Failure) {
        guard currentFamily != name else { return }
        if let currentFamily { familiesDone.insert(currentFamily) }
        guard !familiesDone.contains(name) else { throw fail("\(name) split into two groups") }
        currentFamily = name
    }

    private static func isMetricName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCIILetter || first == "_" || first == ":" else {
            return false
        }
        return name.unicodeScalars.allSatisfy { $0.isASCIILetter || $0.isASCIIDigit || $0 == "_" || $0 == ":" }
    }

    private static func isLabelName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, first.isASCIILetter || first == "_", !name.hasPrefix("__") else {
            return false
        }
        return name.unicodeScalars.allSatisfy { $0.isASCIILetter || $0.isASCIIDigit || $0 == "_" }
    }

    /// HELP text may escape only a backslash and a newline.
    private static func isValidHelp(_ text: Substring) -> Bool {
        var escaping = false
        for character in text {
            if escaping {
                guard character == "\\" || character == "n" else { return false }
                escaping = false
            } else if character == "\\" {
                escaping = true
            }
        }
        return !escaping
    }

    /// Go's ParseFloat as Prometheus uses it: decimal or exponent notation, NaN, [+-]Inf.
    private static func float(_ text: Substring) -> Double? {
        switch text {
        case "NaN": return .nan
        case "+Inf", "Inf": return .infinity
        case "-Inf": return -.infinity
        default:
            let digits = text.drop { $0 == "+" || $0 == "-" }
            guard digits.count + 1 >= text.count, let first = digits.first, first.isASCII,
                first.isNumber || first == "."
            else { return nil }
            guard digits.allSatisfy({ $0.isASCII && ($0.isNumber || ".eE+-".contains($0)) }) else { return nil }
            return Double(text)
        }
    }
}

extension Unicode.Scalar {
    fileprivate var isASCIILetter: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) }
    fileprivate var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
