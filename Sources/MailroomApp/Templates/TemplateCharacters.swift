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

    init(_ text: String) {
        self.text = text
        var bounds: [String.Index] = []
        var codes: [UInt8] = []
        let utf8 = text.utf8
        bounds.reserveCapacity(utf8.count + 1)
        codes.reserveCapacity(utf8.count)
        var position = text.startIndex
        if utf8.allSatisfy({ $0 < 0x80 }) {
            // ASCII: every byte is a Character, but for `\r\n`.
            var bytes = utf8.makeIterator()
            var pending = bytes.next()
            while let byte = pending {
                bounds.append(position)
                pending = bytes.next()
                if byte == 0x0D, pending == 0x0A {
                    codes.append(Self.crlf)
                    pending = bytes.next()
                    position = utf8.index(position, offsetBy: 2)
                } else {
                    codes.append(byte)
                    position = utf8.index(after: position)
                }
            }
        } else {
            for character in text {
                bounds.append(position)
                let scalars = character.utf8
                codes.append(scalars.count == 1 ? scalars.first! : character == "\r\n" ? Self.crlf : Self.other)
                position = utf8.index(position, offsetBy: scalars.count)
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
