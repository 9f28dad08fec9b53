extension Tokenizer {
    /// The pieces of folded text that is all ASCII, read on its bytes. They equal what `chunks(of:)` and
    /// `split(_:into:)` give for the same text (the equivalence tests compare both on every shared data set);
    /// those work on `Character`s and Unicode properties and cost several times more.
    static func asciiPieces(_ bytes: UnsafeBufferPointer<UInt8>, into pieces: inout [Piece]) {
        var scratch: [UInt8] = []
        scratch.reserveCapacity(32)
        var index = 0
        while index < bytes.count {
            while index < bytes.count && isASCIISpace(bytes[index]) { index += 1 }
            var end = index
            while end < bytes.count && !isASCIISpace(bytes[end]) { end += 1 }
            if end > index {
                asciiChunk(UnsafeBufferPointer(rebasing: bytes[index..<end]), into: &pieces, scratch: &scratch)
            }
            index = end
        }
    }

    /// The ASCII characters with the Unicode White_Space property (what `Character.isWhitespace` tests).
    @inline(__always)
    static func isASCIISpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
    }

    /// `()[]{}<>"'.,;:!?*`, trimmed from both ends of a chunk.
    @inline(__always)
    private static func isEdge(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
            UInt8(ascii: "}"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""), UInt8(ascii: "'"),
            UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "!"),
            UInt8(ascii: "?"), UInt8(ascii: "*"):
            return true
        default:
            return false
        }
    }

    /// The pieces of one chunk (no white space) of ASCII bytes.
    static func asciiChunk(
        _ chunk: UnsafeBufferPointer<UInt8>, into pieces: inout [Piece], scratch: inout [UInt8]
    ) {
        var start = 0
        var end = chunk.count
        while start < end && isEdge(chunk[start]) { start += 1 }
        while end > start && isEdge(chunk[end - 1]) { end -= 1 }
        if start == end { return }
        let text = UnsafeBufferPointer(rebasing: chunk[start..<end])
        if hasPrefix(text, "http://") || hasPrefix(text, "https://") || hasPrefix(text, "www.") {
            pieces.append(Piece(kind: .url, text: String(decoding: text, as: UTF8.self)))
            return
        }
        if isASCIIEmailAddress(text) {
            pieces.append(Piece(kind: .email, text: String(decoding: text, as: UTF8.self)))
            return
        }
        var index = 0
        while index < text.count {
            let byte = text[index]
            if isASCIILetter(byte) || isASCIIDigit(byte) {
                index = readASCIIRun(text, from: index, into: &pieces, scratch: &scratch)
            } else {
                // `$` is the only ASCII currency symbol.
                if byte == UInt8(ascii: "#") {
                    pieces.append(Piece(kind: .hash, text: "#"))
                } else if byte == UInt8(ascii: "$") {
                    pieces.append(Piece(kind: .currency, text: "$"))
                }
                index += 1
            }
        }
    }

    /// The same rules as `readRun`: `.`/`,` inside numbers, apostrophes inside words, elisions dropped.
    private static func readASCIIRun(
        _ text: UnsafeBufferPointer<UInt8>, from start: Int, into pieces: inout [Piece], scratch: inout [UInt8]
    ) -> Int {
        scratch.removeAll(keepingCapacity: true)
        var letters = 0
        var digits = 0
        var index = start
        while index < text.count {
            let byte = text[index]
            if isASCIIDigit(byte) {
                digits += 1
                scratch.append(byte)
            } else if isASCIILetter(byte) {
                letters += 1
                scratch.append(byte)
            } else if byte == UInt8(ascii: ".") || byte == UInt8(ascii: ","), letters == 0, digits > 0,
                index + 1 < text.count, isASCIIDigit(text[index + 1])
            {
                scratch.append(byte)
            } else if byte == UInt8(ascii: "'"), letters > 0, index + 1 < text.count, isASCIILetter(text[index + 1]) {
                if scratch.count == 1
                    || (scratch.count == 2 && scratch[0] == UInt8(ascii: "q") && scratch[1] == UInt8(ascii: "u"))
                {
                    scratch.removeAll(keepingCapacity: true)
                    letters = 0
                    digits = 0
                }
            } else {
                break
            }
            index += 1
        }
        if !scratch.isEmpty {
            let kind: PieceKind = letters == 0 ? .digits : (digits == 0 ? .word : .alphanumeric)
            pieces.append(Piece(kind: kind, text: String(decoding: scratch, as: UTF8.self)))
        }
        return index
    }

    private static func isASCIIEmailAddress(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let at = text.firstIndex(of: UInt8(ascii: "@")), at != 0 else { return false }
        let domain = at + 1
        guard let dot = text[domain...].lastIndex(of: UInt8(ascii: ".")), dot != domain else { return false }
        return dot + 1 != text.count && !text[domain...].contains(UInt8(ascii: "@"))
    }

    private static func hasPrefix(_ text: UnsafeBufferPointer<UInt8>, _ prefix: StaticString) -> Bool {
        guard text.count >= prefix.utf8CodeUnitCount else { return false }
        let bytes = UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
        return zip(text, bytes).allSatisfy { $0 == $1 }
    }

    @inline(__always)
    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A)
    }

    @inline(__always)
    private static func isASCIIDigit(_ byte: UInt8) -> Bool {
        byte >= 0x30 && byte <= 0x39
    }
}
