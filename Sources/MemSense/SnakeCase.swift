/// Property names as snake_case keys, the way JSONEncoder's `.convertToSnakeCase` made them, so
/// that every key fastoomd prints stays what it was: a word starts at each upper-case letter
/// (Unicode categories Lu and Lt), a run of them is one word up to the letter before a lower-case
/// one, and the words are lower-cased and joined with `_`.
///
///     tMs → t_ms    oomScoreAdj → oom_score_adj    myURLProperty → my_url_property    _id → _id
enum SnakeCase {
    static func key(_ name: String) -> String {
        let scalars = Array(name.unicodeScalars)
        guard scalars.contains(where: isUpperCase) else { return name }
        var words: [Range<Int>] = []
        var wordStart = 0
        // The first character begins the first word whatever its case.
        var searchStart = 1
        while let upper = scalars[searchStart...].firstIndex(where: isUpperCase) {
            words.append(wordStart..<upper)
            guard let lower = scalars[upper...].firstIndex(where: isLowerCase) else {
                wordStart = upper
                break
            }
            if lower == upper + 1 {
                wordStart = upper
            } else {
                // `URLProperty`: `URL` is a word, and `P` starts the next.
                words.append(upper..<(lower - 1))
                wordStart = lower - 1
            }
            searchStart = lower + 1
        }
        words.append(wordStart..<scalars.count)
        return words.map { range in
            var word = String.UnicodeScalarView()
            word.append(contentsOf: scalars[range])
            return String(word).lowercased()
        }.joined(separator: "_")
    }

    private static func isUpperCase(_ scalar: Unicode.Scalar) -> Bool {
        let category = scalar.properties.generalCategory
        return category == .uppercaseLetter || category == .titlecaseLetter
    }

    private static func isLowerCase(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .lowercaseLetter
    }
}
