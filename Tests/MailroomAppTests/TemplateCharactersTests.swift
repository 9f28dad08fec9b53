import Foundation
import Testing

@testable import MailroomApp

/// `TemplateCharacters` reads ASCII on its bytes and the rest with the Character reader; it must find exactly the
/// Characters, and give exactly the codes, that reading every Character did.
@Suite struct TemplateCharactersTests {
    /// The reader it replaced: every Character through Swift's Character reader. Bounds as UTF-8 offsets.
    static func reference(_ text: String) -> (bounds: [Int], codes: [UInt8]) {
        var bounds: [Int] = []
        var codes: [UInt8] = []
        var offset = 0
        for character in text {
            bounds.append(offset)
            let scalars = character.utf8
            codes.append(
                scalars.count == 1
                    ? scalars.first! : character == "\r\n" ? TemplateCharacters.crlf : TemplateCharacters.other)
            offset += scalars.count
        }
        bounds.append(offset)
        return (bounds, codes)
    }

    static func read(_ text: String) -> (bounds: [Int], codes: [UInt8]) {
        let characters = TemplateCharacters(text)
        return (characters.bounds.map { text.utf8.distance(from: text.startIndex, to: $0) }, characters.codes)
    }

    /// Pieces that join their neighbours into one Character, or do not: combining marks after ASCII, CR LF and a
    /// lone CR or LF, emoji with ZWJ and skin tones, flags, a prepended Arabic sign before ASCII, Hangul jamo,
    /// NEL, template braces.
    static let pieces = [
        "a", "Z", "{", "}", "{{", "}}", "#", " ", "\t", "\r", "\n", "\r\n", "\u{301}", "\u{20DD}", "é", "e\u{301}",
        "ß", "€", "\u{85}", "\u{2028}", "👍", "👍🏽", "👨\u{200D}👩\u{200D}👧", "\u{200D}", "🇩🇪", "🇫", "\u{600}",
        "\u{600}1", "ᄀ", "ᅡ", "ᆨ", "\u{FE0F}", "ﬁ", "\u{0}", "\u{7F}", "İ",
    ]

    @Test func generatedTextsReadAsTheCharacterReaderReadsThem() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5000 {
            let length = Int.random(in: 0...24, using: &generator)
            let text = (0..<length).map { _ in Self.pieces.randomElement(using: &generator)! }.joined()
            let read = Self.read(text)
            let expected = Self.reference(text)
            #expect(read.bounds == expected.bounds, "\(Array(text.unicodeScalars))")
            #expect(read.codes == expected.codes, "\(Array(text.unicodeScalars))")
        }
    }

    @Test func everyShippedTemplateReadsAsTheCharacterReaderReadsIt() throws {
        let files = try FileManager.default.subpathsOfDirectory(atPath: PackagePaths.templates.path)
            .filter { $0.hasSuffix(".mustache") }
        #expect(files.count > 100)
        var accented = 0
        for file in files {
            let text = try String(contentsOf: PackagePaths.templates.appendingPathComponent(file), encoding: .utf8)
            if text.utf8.contains(where: { $0 >= 0x80 }) { accented += 1 }
            let read = Self.read(text)
            let expected = Self.reference(text)
            #expect(read.bounds == expected.bounds, "\(file)")
            #expect(read.codes == expected.codes, "\(file)")
        }
        #expect(accented > 10, "templates with non-ASCII text")
    }
}
