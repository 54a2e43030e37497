/// A configuration type that keeps decoding past a bad value and lists what was wrong, so that
/// one load reports every problem of a file instead of only the first.
public protocol LenientDecodable: Decodable {
    var decodingIssues: [ConfigIssue] { get }
}

extension Array: LenientDecodable where Element: LenientDecodable {
    public var decodingIssues: [ConfigIssue] { flatMap(\.decodingIssues) }
}

/// One JSON object read field by field. A field that does not decode is listed with its path and
/// replaced by its default; keys the section does not know are listed too (a typo such as
/// `"protcet"` must not silently drop a protection). In MemSense so that every module that owns a
/// section (Predictor, KillPolicy, fastoomd) reads it the same way.
public struct LenientObject<Key: CodingKey & CaseIterable> {
    private let container: KeyedDecodingContainer<Key>?
    public private(set) var issues: [ConfigIssue] = []

    public init(_ decoder: any Decoder) {
        container = try? decoder.container(keyedBy: Key.self)
        guard container != nil, let all = try? decoder.container(keyedBy: AnyCodingKey.self) else {
            issues.append(ConfigIssue(codingPath: decoder.codingPath, "expected an object"))
            return
        }
        let known = Key.allCases.map(\.stringValue)
        let unknown = all.allKeys.filter { !known.contains($0.stringValue) }.sorted { $0.stringValue < $1.stringValue }
        for key in unknown {
            issues.append(
                ConfigIssue(
                    codingPath: decoder.codingPath + [key],
                    "unknown key (known: \(known.sorted().joined(separator: ", ")))"))
        }
    }

    /// The value at `key`, or nil when it is absent, null or invalid (then listed).
    public mutating func optional<T: Decodable>(_ key: Key) -> T? {
        guard let container else { return nil }
        do {
            let value = try container.decodeIfPresent(T.self, forKey: key)
            if let lenient = value as? any LenientDecodable {
                issues += lenient.decodingIssues
            }
            return value
        } catch {
            let reason = Self.reason(error)
            // A number that does not fit is worded for itself; say which type it had to fit.
            let message = T.self is any FixedWidthInteger.Type ? "not a valid \(T.self): \(reason)" : reason
            issues.append(ConfigIssue(codingPath: container.codingPath + [key], message))
            return nil
        }
    }

    public mutating func value<T: Decodable>(_ key: Key, default defaultValue: T) -> T {
        optional(key) ?? defaultValue
    }

    /// A value that must be written out, because a silent default would be dangerous.
    public mutating func required<T: Decodable>(_ key: Key, default defaultValue: T, hint: String) -> T {
        if let container, !container.contains(key) {
            issues.append(ConfigIssue(codingPath: container.codingPath + [key], "required: \(hint)"))
            return defaultValue
        }
        return value(key, default: defaultValue)
    }

    /// The decoder of the value at `key` when present, for a value decoded over defaults that the
    /// caller chooses (a preset's thresholds start from that preset).
    public mutating func decoder(at key: Key) -> (any Decoder)? {
        guard let container, container.contains(key) else { return nil }
        do {
            return try container.superDecoder(forKey: key)
        } catch {
            issues.append(ConfigIssue(codingPath: container.codingPath + [key], Self.reason(error)))
            return nil
        }
    }

    private static func reason(_ error: any Error) -> String {
        switch error as? DecodingError {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            context.debugDescription
        case .keyNotFound(let key, _):
            "missing key \(key.stringValue)"
        default:
            "\(error)"
        }
    }
}
