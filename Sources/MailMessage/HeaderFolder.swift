/// Writes one header field, folding at white space so lines stay within 78 characters where possible and
/// never exceed 998 (RFC 5322 2.1.1, 2.2.3).
///
/// The value is appended as tokens, each with the white space before it; a fold puts CR LF before that
/// white space, so unfolding (removing CR LF) gives back the value exactly. Tokens are never split; callers
/// keep them short (addresses, ids and encoded words are bounded; long text is encoded so it can break).
struct HeaderFolder {
    /// The line length to stay within where possible.
    static let preferredWidth = 78

    private var lines: [String] = []
    private var current: String
    private var currentLength: Int
    private var hasToken = false
    private let width: Int

    /// Starts a field `name:`.
    init(name: String) {
        current = name + ":"
        currentLength = current.utf8.count
        width = HeaderFolder.preferredWidth
    }

    /// Starts a value that is never folded (for formatting a value on its own).
    init(unfoldedPrefix: String) {
        current = unfoldedPrefix
        currentLength = unfoldedPrefix.utf8.count
        width = Int.max / 2
    }

    /// Characters left on the current line before the preferred width.
    var remaining: Int { width - currentLength }

    /// Appends `token` after `separator` (white space, or empty to glue it to the previous token), folding
    /// before the separator when the token does not fit on the current line.
    mutating func append(_ token: String, separator: String = " ") {
        let added = separator.utf8.count + token.utf8.count
        if currentLength + added > width, hasToken, !separator.isEmpty {
            breakLine()
        }
        current += separator
        current += token
        currentLength += added
        hasToken = true
    }

    /// Appends words separated by white space runs, folding at those runs; the first word goes after
    /// `separator`, leading and trailing white space is dropped.
    mutating func appendWords(_ text: String, separator: String = " ") {
        for (index, piece) in HeaderFolder.split(text).enumerated() {
            append(piece.word, separator: index == 0 ? separator : piece.separator)
        }
    }

    /// Appends `text` as RFC 2047 encoded words after `separator`, sizing the first word to the room left
    /// on the line and the next ones to a fresh line.
    mutating func appendEncoded(_ text: String, separator: String) {
        let scalars = Array(text.unicodeScalars)
        let encoding = EncodedWord.preferredEncoding(scalars)
        var start = 0
        var separator = separator
        while start < scalars.count {
            let room = min(EncodedWord.maxWordLength, remaining - separator.utf8.count)
            var next = EncodedWord.word(scalars, from: start, encoding: encoding, maxLength: room)
            if next == nil {
                if hasToken { breakLine() }
                let fresh = min(EncodedWord.maxWordLength, width - separator.utf8.count)
                next = EncodedWord.word(scalars, from: start, encoding: encoding, maxLength: max(fresh, 24))
            }
            guard let (word, end) = next else { return }
            append(word, separator: separator)
            separator = " "
            start = end
        }
    }

    /// The field: its lines joined by CR LF, with a final CR LF.
    func finish() -> String {
        (lines + [current]).joined(separator: "\r\n") + "\r\n"
    }

    /// The value on its own (for values formatted with ``init(unfoldedPrefix:)``).
    var unfoldedValue: String { current }

    private mutating func breakLine() {
        lines.append(current)
        current = ""
        currentLength = 0
    }

    /// `text` split into (white space before, word) pairs; white space is space and tab only, so CR and
    /// LF stay inside words (where the caller rejects or encodes them). Read on the UTF-8 bytes: space and tab
    /// never occur inside a multi-byte sequence, so the pieces are the same as scalar by scalar (which grew
    /// each word one scalar at a time: 40 M instructions per 1,000 mails).
    static func split(_ text: String) -> [(separator: String, word: String)] {
        var result: [(separator: String, word: String)] = []
        let utf8 = text.utf8
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let separatorStart = index
            while index < utf8.endIndex, utf8[index] == 0x20 || utf8[index] == 0x09 { utf8.formIndex(after: &index) }
            let wordStart = index
            while index < utf8.endIndex, utf8[index] != 0x20 && utf8[index] != 0x09 { utf8.formIndex(after: &index) }
            guard wordStart < index else { break }
            // Decoded from the bytes, not sliced as a String: a String slice would round an index inside a
            // grapheme (a space then a combining mark) down to the grapheme's start.
            result.append(
                (
                    result.isEmpty ? "" : String(decoding: utf8[separatorStart..<wordStart], as: UTF8.self),
                    String(decoding: utf8[wordStart..<index], as: UTF8.self)
                ))
        }
        return result
    }
}
