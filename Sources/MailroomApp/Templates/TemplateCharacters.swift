/// A template's Characters, each read once into a code: its ASCII byte when it is a single ASCII scalar, else
/// ``crlf`` or ``other``. Template syntax is ASCII, so reading compares bytes, and a `{` followed by a combining
/// mark (one Character) is no brace, as for swift-mustache, which reads Characters.
struct TemplateCharacters {
    /// The code of a `\r\n` Character.
    static let crlf: UInt8 = 0xFE
    /// The code of any other Character that is not a single ASCII scalar.
    static let other: UInt8 = 0xFF

    let text: String
    /// Where each Character starts, and the end of the text.
    let bounds: [String.Index]
    /// Each Character's code.
    let codes: [UInt8]

    /// Reads `text` Character by Character as Swift does, but on its bytes wherever that gives the same: an
    /// ASCII byte followed by another (or by the end) is one Character (or, a CR before an LF, half of one), so
    /// only the stretches around other bytes go through the Character reader. (The Character reader took 47 M
    /// instructions for the 129 shipped templates at every start, most of them in the languages with accents.)
    init(_ text: String) {
        self.text = text
        let utf8 = text.utf8
        let bytes = Array(utf8)
        let count = bytes.count
        var bounds: [String.Index] = []
        var codes: [UInt8] = []
        bounds.reserveCapacity(count + 1)
        codes.reserveCapacity(count)
        /// Whether the Character at byte `offset` is read on its own byte (or CR LF).
        func isPlain(_ offset: Int) -> Bool {
            bytes[offset] < 0x80 && (offset + 1 == count || bytes[offset + 1] < 0x80)
        }
        var offset = 0
        var position = text.startIndex
        while offset < count {
            if isPlain(offset) {
                bounds.append(position)
                let width = bytes[offset] == 0x0D && offset + 1 < count && bytes[offset + 1] == 0x0A ? 2 : 1
                codes.append(width == 2 ? Self.crlf : bytes[offset])
                offset += width
                position = utf8.index(position, offsetBy: width)
                continue
            }
            // From a Character boundary, as the Character reader reads, to the next plain byte.
            for character in text[position...] {
                bounds.append(position)
                let scalars = character.utf8
                codes.append(scalars.count == 1 ? scalars.first! : character == "\r\n" ? Self.crlf : Self.other)
                offset += scalars.count
                position = utf8.index(position, offsetBy: scalars.count)
                if offset == count || isPlain(offset) { break }
            }
        }
        bounds.append(text.endIndex)
        self.bounds = bounds
        self.codes = codes
    }

    /// How many Characters.
    var count: Int { codes.count }

    func isCode(_ code: UInt8, at position: Int) -> Bool { position < codes.count && codes[position] == code }

    /// Character.isNewline.
    func isNewline(_ position: Int) -> Bool {
        switch codes[position] {
        case 0x0A, 0x0B, 0x0C, 0x0D, Self.crlf: true
        case Self.other: text[bounds[position]].isNewline
        default: false
        }
    }

    /// Character.isWhitespace.
    func isWhitespace(_ position: Int) -> Bool {
        switch codes[position] {
        case 0x09...0x0D, 0x20, Self.crlf: true
        case Self.other: text[bounds[position]].isWhitespace
        default: false
        }
    }

    /// The text of Characters `start..<end`.
    func slice(_ start: Int, _ end: Int) -> String { String(text[bounds[start]..<bounds[end]]) }

    /// The Character at `position`.
    func character(_ position: Int) -> Character { text[bounds[position]] }
}
