extension ReplyText {
    /// An attribution line ("On ... wrote:") found at a line, and how sure we are.
    struct Attribution {
        /// How many lines it spans (clients wrap long attributions).
        var lineCount: Int
        /// Strong: it has the shape of an attribution (a start word, or a date and an address). A weak one
        /// ("John wrote:") only counts when quoted lines follow it.
        var isStrong: Bool
    }

    static let wroteEndingTable = KeyTable(wroteEndings, bySuffix: true)
    static let wroteVerbKeys = wroteVerbs.map { Key($0) }
    static let attributionStartTable = KeyTable(attributionStarts)
    static let doubleDash: Key = "--"
    static let sentEnding: Key = "sent"
    static let quotingStartKeys = quotingStarts.map { Key($0) }

    /// Horde's and others' "Quoting Bob <b@x>:", which carries no date.
    static let quotingStarts = ["quoting ", "zitat von ", "citando ", "citation de ", "cytat ", "цитата "]

    /// The attribution starting at `index`, trying one, two and three lines joined.
    static func attribution(in lines: [Line], at index: Int) -> Attribution? {
        let first = lines[index]
        guard !first.isBlank, !first.isLong, first.length <= 300 else { return nil }
        let opens = first.opens
        // Without a start, only a single line can be one, and it must end with a colon or dashes or name an address.
        if !opens && first.key.last != 0x3A && !first.hasAt && first.key.last != 0x2D { return nil }
        var joined = first.key
        for count in 1...3 {
            if count > 1 {
                guard opens, index + count - 1 < lines.count else { return nil }
                let next = lines[index + count - 1]
                guard !next.isBlank, !next.isQuoted, !next.isLong, joined.bytes.count + next.key.bytes.count < 1200
                else { return nil }
                joined.bytes += [0x20] + next.key.bytes
            }
            if let isStrong = attributionStrength(joined, opens: opens) {
                return Attribution(lineCount: count, isStrong: isStrong)
            }
        }
        return nil
    }

    /// Whether a line starts like an attribution: a start word ("On", "Am", "Le", ...), a digit (a date or a
    /// time first), a weekday followed by a date, or dashes ("---- On ... wrote ----").
    static func opensAttribution(_ key: Key) -> Bool {
        guard let first = key.first else { return false }
        if (first >= 0x30 && first <= 0x39) || first == 0x2D || key.hasPrefix(emDash) { return true }
        if attributionStartTable.prefix(of: key) != nil { return true }
        let bytes = key.bytes
        var end = 0
        while end < bytes.count && end <= 24 && (bytes[end] >= 0x80 || (bytes[end] >= 0x61 && bytes[end] <= 0x7A)) {
            end += 1
        }
        var next = end
        while next < bytes.count && (bytes[next] == 0x2E || bytes[next] == 0x2C || bytes[next] == 0x20) { next += 1 }
        guard end > 0, next < bytes.count, bytes[next] >= 0x30 && bytes[next] <= 0x39 else { return false }
        return weekdays.contains(String(decoding: bytes[..<end], as: UTF8.self))
    }

    /// Whether the (joined) key is an attribution: nil when it is not one, else whether it is a strong one.
    /// Three shapes: it ends with "wrote" (a colon, or dashes around it), the verb sits in the middle
    /// ("Am ... schrieb Bob <b@x>:"), or there is no verb at all, just a date and an address
    /// ("2017-11-24 16:32 GMT+01:00 Bob <b@x>:", "вт, 3 апр. 2012 г. в 16:19, Bob <b@x>:").
    static func attributionStrength(_ text: Key, opens: Bool) -> Bool? {
        let dashed = text.hasPrefix(doubleDash) || text.hasSuffix(doubleDash) || text.hasPrefix(emDash)
        let hasAddress = text.contains(byte: 0x40)
        guard text.last == 0x3A || dashed || hasAddress else { return nil }
        let core = text.trimmed([0x2D, 0x3D, 0x20])
        let hasColon = core.last == 0x3A
        let body = hasColon ? core.dropLast(1).trimmed([0x20]) : core
        let hasDigit = body.hasDigit
        let dated = hasDateOrTime(body)
        if let ending = wroteEnding(of: body) {
            if isFirstPerson(body.dropLast(ending.bytes.count)) && !hasAddress { return nil }
            let strong = dashed || (opens && hasDigit) || hasAddress
            if ending == sentEnding { return hasColon && hasDigit && hasAddress ? true : nil }
            if hasColon { return strong }
            return dashed || (opens && dated && hasAddress) ? true : nil
        }
        if hasColon || dashed, let (position, verb) = middleVerb(in: body) {
            let after = body.dropFirst(position + verb.bytes.count).words.first?.description ?? ""
            guard !firstPerson.contains(after) else { return nil }
            guard hasAddress || (hasDigit && (opens || dated)) else { return nil }
            return dashed || (opens && hasDigit) || (hasDigit && hasAddress) || dated
        }
        guard endsWithAddress(body) else { return nil }
        if hasColon && dated { return true }
        if hasColon && quotingStartKeys.contains(where: { body.hasPrefix($0) }) { return true }
        if !hasColon, let first = body.first, first >= 0x30 && first <= 0x39, dated { return false }
        return nil
    }

    /// The first verb of ``wroteVerbs`` in the key and where it is.
    static func middleVerb(in body: Key) -> (Int, Key)? {
        for verb in wroteVerbKeys {
            if let position = body.firstIndex(of: verb) { return (position, verb) }
        }
        return nil
    }

    /// The "wrote" word the text ends with, at a word boundary (or directly after anything, for CJK words).
    static func wroteEnding(of body: Key) -> Key? {
        guard let ending = wroteEndingTable.suffix(of: body) else { return nil }
        let before = body.bytes.count - ending.bytes.count
        if before == 0 || (ending.first ?? 0) >= 0xE3 || !isLetterOrDigit(endingAt: before, in: body) {
            return ending
        }
        return nil
    }

    /// Whether the character that ends just before byte `end` is a letter or a digit.
    static func isLetterOrDigit(endingAt end: Int, in key: Key) -> Bool {
        let byte = key.bytes[end - 1]
        if byte < 0x80 { return isASCIILetterOrDigit(byte) }
        var start = end - 1
        while start > 0 && key.bytes[start] & 0xC0 == 0x80 { start -= 1 }
        let scalar = String(decoding: key.bytes[start..<end], as: UTF8.self).unicodeScalars.first
        guard let scalar else { return false }
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    /// Whether the word just before the verb is "I" or "we" (in any of the languages above).
    static func isFirstPerson(_ beforeVerb: Key) -> Bool {
        var end = beforeVerb.bytes.count
        while end > 0 && (beforeVerb.bytes[end - 1] == 0x20 || beforeVerb.bytes[end - 1] == 0x2C) { end -= 1 }
        var start = end
        while start > 0 && beforeVerb.bytes[start - 1] != 0x20 { start -= 1 }
        guard end > start, end - start <= 6 else { return false }
        return firstPerson.contains(String(decoding: beforeVerb.bytes[start..<end], as: UTF8.self))
    }

    /// Whether the text ends with an address: `<a@b>`, `[a@b]`, `(a@b)` or a bare `a@b`.
    static func endsWithAddress(_ body: Key) -> Bool {
        guard let last = body.last else { return false }
        let open: UInt8? = last == 0x3E ? 0x3C : last == 0x5D ? 0x5B : last == 0x29 ? 0x28 : nil
        if let open {
            var index = body.bytes.count - 1
            while index >= 0 {
                if body.bytes[index] == 0x40 { return true }
                if body.bytes[index] == open { return false }
                index -= 1
            }
            return false
        }
        let word = body.lastWord
        return word.contains(byte: 0x40) && word.contains(byte: 0x2E)
    }
}
