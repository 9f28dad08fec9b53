/// Splits text into typed tokens after Unicode folding (see `TextNormalizer`).
///
/// URLs, email addresses, order numbers, ticket numbers, amounts and long numbers become typed tokens with a
/// placeholder text, so `"where is order 123456?"` and `"where is order 98765?"` tokenise alike. French and
/// Italian elisions are split (`l'adresse` gives `adresse`), other apostrophes are dropped (`don't` gives `dont`).
public struct Tokenizer: Sendable {
    /// Creates a tokenizer.
    public init() {}

    /// Returns the tokens of `text`.
    public func tokens(_ text: String) -> [Token] {
        Self.classify(Self.pieces(text))
    }

    /// The tokens of `text`, and those of `heading + "\n" + text` (a subject above a body), reading `text` once.
    /// Folding maps each scalar on its own and a line break ends every piece, so the pieces of the whole are the
    /// heading's followed by the text's; only their classification (an order number after the word `order`, say)
    /// looks across the line break, and it is done on the whole.
    public func tokens(_ text: String, under heading: String) -> (text: [Token], headed: [Token]) {
        let body = Self.pieces(text)
        return (Self.classify(body), Self.classify(Self.pieces(heading) + body))
    }

    /// The pieces of folded `text`: read on its bytes when the folded text is ASCII, on its characters otherwise.
    static func pieces(_ text: String) -> [Piece] {
        var folded = TextNormalizer.fold(text)
        var pieces: [Piece] = []
        let read: Bool = folded.withUTF8 { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return false }
            Self.asciiPieces(bytes, into: &pieces)
            return true
        }
        if !read { Self.unicodePieces(folded, into: &pieces) }
        return pieces
    }

    /// The pieces of folded text of any script: chunked on its `Character`s, and each chunk read on its
    /// `Character`s too, unless it is all ASCII. An ASCII chunk is read on its bytes, as in an all-ASCII text (the
    /// same pieces: the equivalence tests compare both): one accented letter no longer sends a whole mail through
    /// the slow reader (115 M instructions per 1,000 mails).
    static func unicodePieces(_ folded: String, into pieces: inout [Piece]) {
        var scratch: [UInt8] = []
        for chunk in chunks(of: folded) {
            let read =
                chunk.utf8.withContiguousStorageIfAvailable { bytes in
                    guard bytes.allSatisfy({ $0 < 0x80 }) else { return false }
                    asciiChunk(bytes, into: &pieces, scratch: &scratch)
                    return true
                } ?? false
            if !read { split(chunk, into: &pieces) }
        }
    }

    /// The pieces of folded text of any script, every chunk read on its `Character`s (the reference of the
    /// equivalence tests).
    static func characterPieces(_ folded: String, into pieces: inout [Piece]) {
        for chunk in chunks(of: folded) {
            split(chunk, into: &pieces)
        }
    }

    /// The normalised texts of `tokens(text)`.
    public func words(_ text: String) -> [String] {
        tokens(text).map(\.text)
    }

    enum PieceKind {
        case word, digits, alphanumeric, hash, currency, url, email
    }

    struct Piece: Equatable {
        var kind: PieceKind
        var text: String
    }

    static func chunks(of text: String) -> [Substring] {
        text.split(whereSeparator: { $0.isWhitespace })
    }

    static func split(_ chunk: Substring, into pieces: inout [Piece]) {
        let trimmed = chunk.trimmingEdges(of: "()[]{}<>\"'.,;:!?*")
        if trimmed.isEmpty { return }
        if trimmed.hasPrefix("http://") || trimmed.hasPrefix("https://") || trimmed.hasPrefix("www.") {
            pieces.append(Piece(kind: .url, text: String(trimmed)))
            return
        }
        if isEmailAddress(trimmed) {
            pieces.append(Piece(kind: .email, text: String(trimmed)))
            return
        }
        splitRuns(trimmed, into: &pieces)
    }

    static func isEmailAddress(_ text: Substring) -> Bool {
        guard let at = text.firstIndex(of: "@"), at != text.startIndex else { return false }
        let domain = text[text.index(after: at)...]
        guard let dot = domain.lastIndex(of: "."), dot != domain.startIndex else { return false }
        return domain.index(after: dot) != domain.endIndex && !domain.contains("@")
    }

    private static func splitRuns(_ text: Substring, into pieces: inout [Piece]) {
        let scalars = Array(text.unicodeScalars)
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if isLetterOrDigit(scalar) {
                index = readRun(scalars, from: index, into: &pieces)
            } else {
                if scalar == "#" {
                    pieces.append(Piece(kind: .hash, text: "#"))
                } else if scalar.properties.generalCategory == .currencySymbol {
                    pieces.append(Piece(kind: .currency, text: String(scalar)))
                }
                index += 1
            }
        }
    }

    /// Reads letters and digits, with `.`/`,` inside numbers and apostrophes inside words.
    private static func readRun(_ scalars: [Unicode.Scalar], from start: Int, into pieces: inout [Piece]) -> Int {
        var text = String.UnicodeScalarView()
        var letters = 0
        var digits = 0
        var index = start
        while index < scalars.count {
            let scalar = scalars[index]
            if isLetterOrDigit(scalar) {
                if isDigit(scalar) { digits += 1 } else { letters += 1 }
                text.append(scalar)
            } else if scalar == "." || scalar == ",", letters == 0, digits > 0,
                index + 1 < scalars.count, isDigit(scalars[index + 1])
            {
                text.append(scalar)
            } else if scalar == "'", letters > 0, index + 1 < scalars.count, isLetter(scalars[index + 1]) {
                if isElision(text) {
                    text.removeAll()
                    letters = 0
                    digits = 0
                }
            } else {
                break
            }
            index += 1
        }
        if !text.isEmpty {
            let kind: PieceKind = letters == 0 ? .digits : (digits == 0 ? .word : .alphanumeric)
            pieces.append(Piece(kind: kind, text: String(text)))
        }
        return index
    }

    private static func isElision(_ text: String.UnicodeScalarView) -> Bool {
        text.count == 1 || String(text) == "qu"
    }

    static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        isDigit(scalar) || isLetter(scalar)
    }

    static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value >= 0x30 && scalar.value <= 0x39
    }

    static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.value < 0x80 {
            return (scalar.value >= 0x61 && scalar.value <= 0x7A) || (scalar.value >= 0x41 && scalar.value <= 0x5A)
        }
        return scalar.properties.isAlphabetic
    }
}

extension Substring {
    /// Without the `Character`s of `characters` at either end. When they are all ASCII, as the tokenizer's are, a
    /// `Character` is one of them only if it is that one scalar alone (a combining mark after `(` makes another
    /// `Character`), so its ASCII value is looked up in their bytes: `String.contains(_:)` read every `Character`
    /// of `characters` for every edge, 9,000 instructions a chunk of text.
    func trimmingEdges(of characters: String) -> Substring {
        let ascii = characters.utf8.allSatisfy { $0 < 0x80 }
        func isEdge(_ character: Character) -> Bool {
            guard ascii else { return characters.contains(character) }
            guard let value = character.asciiValue, character.utf8.count == 1 else { return false }
            return characters.utf8.contains(value)
        }
        var result = self
        while let first = result.first, isEdge(first) { result = result.dropFirst() }
        while let last = result.last, isEdge(last) { result = result.dropLast() }
        return result
    }
}
