import Testing

@testable import MailMessage

/// The builder's byte-level helpers against plain scalar-by-scalar and byte-by-byte references (the way they
/// were written before they were made faster), on tricky cases and on many generated inputs.
@Suite struct BuilderEquivalenceTests {
    /// A small deterministic generator, so a failure can be run again.
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state ^ (state >> 29)
        }
    }

    /// Pieces the generated texts are made of: blanks, line ends, ASCII, multi-byte scalars, a combining mark
    /// (which joins a space before it into one Character), encoded-word lookalikes.
    static let pieces = [
        " ", "  ", "\t", " \t ", "\r\n", "\n", "\r", "a", "Word", "From ", ".", "=", "=?", "é", "ü", "\u{301}",
        "日本", "😀", "x\u{301}", "\u{0}", "~", String(repeating: "z", count: 90),
    ]

    static func texts(count: Int, seed: UInt64) -> [String] {
        var generator = Generator(state: seed)
        return (0..<count).map { _ in
            (0..<Int.random(in: 0...24, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }
                .joined()
        }
    }

    static func referenceSplit(_ text: String) -> [(separator: String, word: String)] {
        var result: [(separator: String, word: String)] = []
        var separator = ""
        var word = ""
        for scalar in text.unicodeScalars {
            if scalar == " " || scalar == "\t" {
                if !word.isEmpty {
                    result.append((separator, word))
                    separator = ""
                    word = ""
                }
                separator.unicodeScalars.append(scalar)
            } else {
                word.unicodeScalars.append(scalar)
            }
        }
        if !word.isEmpty { result.append((separator, word)) }
        if let first = result.first { result[0] = ("", first.word) }
        return result
    }

    static func referenceLines(_ bytes: [UInt8], finalBreak: Bool) -> [UInt8] {
        var out: [UInt8] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte == 0x0D || byte == 0x0A {
                out += [0x0D, 0x0A]
                if byte == 0x0D, index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
            } else {
                out.append(byte)
            }
            index += 1
        }
        if finalBreak, !out.isEmpty, !out.suffix(2).elementsEqual([0x0D, 0x0A]) { out += [0x0D, 0x0A] }
        return out
    }

    static func referenceQuotedPrintable(_ bytes: [UInt8]) -> [UInt8] {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        func line(_ line: ArraySlice<UInt8>) {
            var column = 0
            let escapeFirst = line.starts(with: "From ".utf8) || line.first == UInt8(ascii: ".")
            for index in line.indices {
                let byte = line[index]
                let isLast = index == line.index(before: line.endIndex)
                let literal =
                    TransferEncoding.isQuotedPrintableLiteral(byte) && !(isLast && (byte == 0x20 || byte == 0x09))
                    && !(escapeFirst && index == line.startIndex)
                let width = literal ? 1 : 3
                if column + width > (isLast ? 76 : 75) {
                    out += Array("=\r\n".utf8)
                    column = 0
                }
                out += literal ? [byte] : [UInt8(ascii: "="), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
                column += width
            }
        }
        var lineStart = 0
        var index = 0
        while index <= bytes.count {
            let atBreak = index + 1 < bytes.count && bytes[index] == 0x0D && bytes[index + 1] == 0x0A
            if index == bytes.count || atBreak {
                line(bytes[lineStart..<index])
                if atBreak { out += [0x0D, 0x0A] }
                index += 2
                lineStart = index
                continue
            }
            index += 1
        }
        return out
    }

    static let tricky = [
        "", " ", "\t\t", "a", " a", "a ", "  lead and trail  ", "tab\tinside", "a \u{301}b", " \u{301}", "é ü\t日本",
        "😀 😀  😀", "\r\n", "a\rb\nc\r\nd", "\n\n", "\r\r\n", "From here", ".dot", "= =?x?= =",
        String(repeating: "long ", count: 40), String(repeating: "é", count: 200),
    ]

    @Test func splitAgreesWithTheScalarReference() {
        for text in Self.tricky + Self.texts(count: 3000, seed: 7) {
            let split = HeaderFolder.split(text)
            let reference = Self.referenceSplit(text)
            #expect(split.map(\.separator) == reference.map(\.separator), "\(Array(text.unicodeScalars))")
            #expect(split.map(\.word) == reference.map(\.word), "\(Array(text.unicodeScalars))")
        }
    }

    @Test func lineEndsAgreeWithTheByteReference() {
        for text in Self.tricky + Self.texts(count: 3000, seed: 11) {
            let bytes = Array(text.utf8)
            for finalBreak in [false, true] {
                #expect(
                    MessageBuilder.normalizedLines(bytes, finalBreak: finalBreak)
                        == Self.referenceLines(bytes, finalBreak: finalBreak), "\(bytes)")
            }
        }
    }

    @Test func quotedPrintableAgreesWithTheByteReference() {
        var generator = Generator(state: 13)
        var inputs = (Self.tricky + Self.texts(count: 3000, seed: 17)).map { Array($0.utf8) }
        for _ in 0..<300 {
            let count = Int.random(in: 0...400, using: &generator)
            inputs.append((0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) })
        }
        for bytes in inputs {
            let encoded = TransferEncoding.encodeQuotedPrintable(bytes)
            #expect(encoded == Self.referenceQuotedPrintable(bytes), "\(bytes)")
            #expect(TransferEncoding.quotedPrintable(encoded).bytes == bytes)
        }
    }
}

/// Field names are compared byte by byte when both are ASCII, lower-cased as strings otherwise: the same answers
/// as before (the same length in bytes, and lower-cased both), always.
@Suite struct HeaderNameMatchingTests {
    @Test func matchesWhatLowerCasingBothMatches() {
        let names = [
            "Subject", "subject", "SUBJECT", "Subjecu", "From", "FROM", "fro", "X-Loop", "x-loop", "X-LOOP ", "",
            "Auto-Submitted", "auto-submitted", "AUTO_SUBMITTED", "@[\\]^", "`{|}~", "\u{212A}ey", "Key", "kEY",
            "İd", "i\u{307}d", "Éa", "éa", "ÉA", "Straße", "STRASSE", "日本", "x\u{0}y", "X\u{0}Y",
        ]
        for name in names {
            let field = HeaderField(name: name, value: "v")
            for other in names {
                let reference = name.utf8.count == other.utf8.count && name.lowercased() == other.lowercased()
                #expect(field.hasName(other) == reference, "\(name) / \(other)")
            }
        }
    }
}
