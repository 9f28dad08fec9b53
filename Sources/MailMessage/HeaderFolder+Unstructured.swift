extension HeaderFolder {
    /// The longest word written as it is: it fits a continuation line (one blank + 77).
    static let maxPlainWord = 77
    /// The longest white space run written as it is; longer runs go inside encoded words.
    static let maxPlainBlanks = 8

    /// Appends unstructured text (RFC 5322 3.2.5, e.g. Subject): words of printable ASCII stay readable;
    /// runs of words with anything else (non-ASCII, controls, CR, LF), words that look like encoded words,
    /// and words too long to fold are written as RFC 2047 encoded words. Leading and trailing white space
    /// is dropped; everything else decodes back exactly.
    mutating func appendUnstructured(_ text: String) {
        let pieces = HeaderFolder.split(text)
        // The first word cannot move to a new line: it must fit after the field name.
        let firstLimit = min(HeaderFolder.maxPlainWord, remaining - 1)
        var index = 0
        while index < pieces.count {
            let (separator, word) = pieces[index]
            let literalSeparator = index == 0 ? " " : separator
            let limit = index == 0 ? firstLimit : HeaderFolder.maxPlainWord
            guard HeaderFolder.needsEncoding(word, after: separator, limit: limit) else {
                append(word, separator: literalSeparator)
                index += 1
                continue
            }
            // Collect the run: this word and every following word that needs encoding, with the white
            // space between them (encoded too: white space between encoded words is not kept).
            var run = ""
            var outerSeparator = literalSeparator
            if separator.utf8.count > HeaderFolder.maxPlainBlanks {
                outerSeparator = String(separator.prefix(1))
                run = String(separator.dropFirst())
            }
            run += word
            index += 1
            while index < pieces.count, HeaderFolder.needsEncoding(pieces[index].word, after: pieces[index].separator) {
                run += pieces[index].separator + pieces[index].word
                index += 1
            }
            appendEncoded(run, separator: outerSeparator)
        }
    }

    /// Whether a word of unstructured text (or a display name) must be encoded.
    static func needsEncoding(_ word: String, after separator: String = "", limit: Int = maxPlainWord) -> Bool {
        if separator.utf8.count > maxPlainBlanks || word.utf8.count > limit { return true }
        if TextSearch.contains("=?", in: word) { return true }
        return word.utf8.contains { $0 < 0x21 || $0 > 0x7E }
    }
}
