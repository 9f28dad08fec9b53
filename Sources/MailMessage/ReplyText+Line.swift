extension ReplyText {
    /// One line of the reply and what the scanner asks of it, worked out once so every later look is cheap.
    ///
    /// `key` is the normalised start of the line (at most ``keyLength`` characters): lowercased, white space
    /// single, `*` emphasis and bidirectional marks removed, full-width colons as `:`. Checks that need the
    /// whole line only apply to short lines, so a huge line costs no more than a short one.
    struct Line {
        /// Characters of a line that are normalised; longer lines are marked ``isLong``.
        static let keyLength = 400

        var raw: String
        var key: String
        var isLong: Bool
        var isBlank: Bool
        var isQuoted: Bool
        /// The field name when the line looks like "From: ..." in a quoted header block.
        var field: HeaderKey?

        init(_ raw: String) {
            self.raw = raw
            let head = raw.prefix(Self.keyLength + 1)
            isLong = head.count > Self.keyLength
            key = ReplyText.normalized(head.prefix(Self.keyLength))
            isBlank = key.isEmpty && !isLong
            let firstMark = raw.unicodeScalars.first { $0 != " " && $0 != "\t" }
            isQuoted = firstMark == ">"
            field = isLong ? nil : ReplyText.headerKey(key)
        }

        /// The number of characters of a short line (of the key, which is the whole line when not long).
        var length: Int { key.count }
    }

    /// The lines of `text` with their keys.
    static func scanLines(_ text: String) -> [Line] {
        splitLines(text).map(Line.init)
    }

    /// A line lowercased and trimmed, white space single, `*` emphasis and bidirectional marks removed.
    static func normalized(_ line: Substring) -> String {
        var text = ""
        var lastWasSpace = false
        for character in line.lowercased() {
            if isSpace(character) {
                if !lastWasSpace { text.append(" ") }
                lastWasSpace = true
                continue
            }
            lastWasSpace = false
            if character == "*" || isInvisibleMark(character) { continue }
            text.append(character == "：" ? ":" : character)
        }
        return text.trimmed()
    }

    static func isSpace(_ character: Character) -> Bool {
        switch character {
        case " ", "\t", "\u{00A0}", "\u{202F}", "\u{3000}", "\u{2000}"..."\u{200A}": return true
        default: return false
        }
    }

    /// Direction marks and zero-width characters that clients put around names and addresses.
    static func isInvisibleMark(_ character: Character) -> Bool {
        switch character {
        case "\u{200B}"..."\u{200F}", "\u{202A}"..."\u{202E}", "\u{2066}"..."\u{2069}", "\u{FEFF}": return true
        default: return false
        }
    }

    /// Whether the key contains a year (19xx or 20xx), a time (`16:19`, `16.19`) or a CJK date.
    static func hasDateOrTime(_ key: String) -> Bool {
        if key.contains("年") || key.contains("년") { return true }
        var digits: [Character] = []
        var afterTimeSeparator = false
        func isYear() -> Bool {
            digits.count == 4 && (digits[0] == "1" && digits[1] == "9" || digits[0] == "2" && digits[1] == "0")
        }
        for character in key {
            if character.isASCII && character.isNumber {
                digits.append(character)
                if afterTimeSeparator && digits.count == 2 { return true }
                continue
            }
            if isYear() { return true }
            afterTimeSeparator = (character == ":" || character == ".") && (1...2).contains(digits.count)
            digits.removeAll(keepingCapacity: true)
        }
        return isYear()
    }
}
