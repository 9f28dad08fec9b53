extension ReplyText {
    /// An attribution line ("On ... wrote:") found at a line, and how sure we are.
    struct Attribution {
        /// How many lines it spans (clients wrap long attributions).
        var lineCount: Int
        /// Strong: it has the shape of an attribution (a start word, or a date and an address). A weak one
        /// ("John wrote:") only counts when quoted lines follow it.
        var isStrong: Bool
    }

    /// The attribution starting at `index`, trying one, two and three lines joined.
    static func attribution(in lines: [Line], at index: Int) -> Attribution? {
        let first = lines[index]
        guard !first.isBlank, !first.isLong, first.length <= 300 else { return nil }
        let opens = opensAttribution(first.key)
        var joined = first.key
        for count in 1...3 {
            if count > 1 {
                guard opens, index + count - 1 < lines.count else { return nil }
                let next = lines[index + count - 1]
                guard !next.isBlank, !next.isQuoted, !next.isLong else { return nil }
                joined += " " + next.key
                if joined.count > 400 { return nil }
            }
            if let isStrong = attributionStrength(joined, opens: opens) {
                return Attribution(lineCount: count, isStrong: isStrong)
            }
        }
        return nil
    }

    /// Whether a line starts like an attribution: a start word ("On", "Am", "Le", ...), a digit (a date or a
    /// time first), a weekday followed by a date, or dashes ("---- On ... wrote ----").
    static func opensAttribution(_ key: String) -> Bool {
        guard let first = key.first else { return false }
        if first.isNumber || first == "-" || first == "—" { return true }
        if attributionStarts.contains(where: { key.hasPrefix($0) }) { return true }
        let word = key.prefix { $0.isLetter }
        guard !word.isEmpty, weekdays.contains(String(word)) else { return false }
        let rest = key.dropFirst(word.count).drop { $0 == "." || $0 == "," || $0 == " " }
        return rest.first?.isNumber == true
    }

    /// Whether the (joined, normalised) text is an attribution: nil when it is not one, else whether it is a
    /// strong one. Three shapes: it ends with "wrote" (a colon, or dashes around it), the verb sits in the middle
    /// ("Am ... schrieb Bob <b@x>:"), or there is no verb at all, just a date and an address
    /// ("2017-11-24 16:32 GMT+01:00 Bob <b@x>:", "вт, 3 апр. 2012 г. в 16:19, Bob <b@x>:").
    static func attributionStrength(_ text: String, opens: Bool) -> Bool? {
        let dashed = text.hasPrefix("--") || text.hasSuffix("--") || text.hasPrefix("—")
        let core = text.trimmed(["-", "—", "=", " "])
        let hasColon = core.hasSuffix(":")
        let body = hasColon ? core.dropLast().trimmed() : core
        let hasDigit = body.contains { $0.isNumber }
        let hasAddress = body.contains("@")
        let dated = hasDateOrTime(body)
        if let ending = wroteEnding(of: body) {
            if isFirstPerson(body.dropLast(ending.count)) && !hasAddress { return nil }
            let strong = dashed || (opens && hasDigit) || hasAddress
            if weakWroteEndings.contains(ending) { return hasColon && hasDigit && hasAddress ? true : nil }
            if hasColon { return strong }
            return dashed || (opens && dated && hasAddress) ? true : nil
        }
        if hasColon || dashed, let verb = wroteVerbs.lazy.compactMap({ body.firstRange(of: $0) }).first {
            let after = body[verb.upperBound...].prefix { $0 != " " }
            guard !firstPerson.contains(String(after)) else { return nil }
            guard hasAddress || (hasDigit && (opens || dated)) else { return nil }
            return dashed || (opens && hasDigit) || (hasDigit && hasAddress) || dated
        }
        guard endsWithAddress(body) else { return nil }
        if hasColon && dated { return true }
        if hasColon && quotingStarts.contains(where: { body.hasPrefix($0) }) { return true }
        if !hasColon, body.first?.isNumber == true, dated { return false }
        return nil
    }

    /// Horde's and others' "Quoting Bob <b@x>:", which carries no date.
    static let quotingStarts = ["quoting ", "zitat von ", "citando ", "citation de ", "cytat ", "цитата "]

    /// The "wrote" word the text ends with, at a word boundary (or directly after anything, for CJK words).
    static func wroteEnding(of body: String) -> String? {
        for ending in wroteEndings where body.hasSuffix(ending) {
            let isCJK = (ending.unicodeScalars.first?.value ?? 0) >= 0x3000
            guard let before = body.dropLast(ending.count).last, !isCJK else { return ending }
            if !before.isLetter && !before.isNumber { return ending }
        }
        return nil
    }

    /// Whether the word just before the verb is "I" or "we" (in any of the languages above).
    static func isFirstPerson(_ beforeVerb: Substring) -> Bool {
        let words = beforeVerb.split(separator: " ")
        guard let last = words.last else { return false }
        return firstPerson.contains(String(last).trimmed([",", " "]))
    }

    /// Whether the text ends with an address: `<a@b>`, `[a@b]`, `(a@b)` or a bare `a@b`.
    static func endsWithAddress(_ body: String) -> Bool {
        guard let last = body.last else { return false }
        if last == ">" || last == "]" || last == ")" {
            let open: Character = last == ">" ? "<" : last == "]" ? "[" : "("
            guard let start = body.lastIndex(of: open) else { return false }
            return body[start...].contains("@")
        }
        let word = body.split(separator: " ").last ?? ""
        return word.contains("@") && word.contains(".")
    }
}
