import Foundation
import Testing

@testable import Triage

/// The byte-level reader for ASCII text must give exactly the pieces of the `Character`-level reader, or the
/// built-in model would see other features than it was trained on.
@Suite struct TokenizerEquivalenceTests {
    static func bothReaders(_ text: String) -> (ascii: [Tokenizer.Piece], unicode: [Tokenizer.Piece])? {
        var folded = TextNormalizer.fold(text)
        var ascii: [Tokenizer.Piece] = []
        let isASCII: Bool = folded.withUTF8 { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return false }
            Tokenizer.asciiPieces(bytes, into: &ascii)
            return true
        }
        guard isASCII else { return nil }
        var unicode: [Tokenizer.Piece] = []
        Tokenizer.characterPieces(folded, into: &unicode)
        return (ascii, unicode)
    }

    /// The reader of any text (ASCII chunks on their bytes, the others on their `Character`s) against the reader
    /// of every chunk on its `Character`s.
    static func mixedReaders(_ text: String) -> (mixed: [Tokenizer.Piece], characters: [Tokenizer.Piece]) {
        let folded = TextNormalizer.fold(text)
        var mixed: [Tokenizer.Piece] = []
        Tokenizer.unicodePieces(folded, into: &mixed)
        var characters: [Tokenizer.Piece] = []
        Tokenizer.characterPieces(folded, into: &characters)
        return (mixed, characters)
    }

    @Test func textsOfAnyScriptReadChunkByChunk() {
        var random = RandomTexts(
            seed: 11,
            alphabet: "aZqu'l.,!?#$€£@/-()\"0129 \t\r\n\u{A0}\u{2009}\u{3000}\u{301}\u{308}é日本🙂\u{200D}«»httpsw")
        var texts = [
            "café au lait", "naïve l'été", "prix: 12,50 €", "Bestellung Nr. 4711 für Jürgen", "a\u{A0}b c",
            "x\u{301}y z", "(é) [a]", "http://é.example/a b", "jane@exämple.com ok", "日本 order #5", "🙂 ok!",
        ]
        texts += (0..<20_000).map { _ in random.next(maxLength: 40) }
        var mismatches: [String] = []
        for text in texts {
            let readers = Self.mixedReaders(text)
            if readers.mixed != readers.characters { mismatches.append(text) }
        }
        let sample = Array(mismatches.prefix(5).map(\.debugDescription))
        #expect(mismatches.count == 0, "\(sample)")
    }

    @Test(arguments: [
        "", " ", "\r\n", "a\r\nb", "a\u{1C}b\u{1F}c", "a\u{0B}b\u{0C}c", "x\u{7F}y", "tab\there",
        "(see: https://shop.example/a?b=1).", "www.example.org,", "http://", "'quoted'", "**bold**",
        "jane.doe@example.co.uk!", "@example.com", "a@b", "a@b.", "a@b.c@d.e", "x@.com",
        "order #98765 is late", "$12.50", "12,50$", "1.2.3", "1..2", ",5", "5,", "don't", "l'adresse",
        "qu'il", "qu'", "'tis", "rock'n'roll", "o'''k", "ab12cd", "12ab", "#", "$", "a#b$c", "~!@#$%^&*()_+",
        "...", "'''", "e-mail", "foo_bar", "x/y\\z", "ORD-55512", "Bestellung Nr. 4711", "CAPS AND 123",
    ])
    func handWrittenEdges(text: String) throws {
        let readers = try #require(Self.bothReaders(text))
        #expect(readers.ascii == readers.unicode, "\(text.debugDescription)")
    }

    /// Trimming a chunk's edges by their ASCII values leaves what trimming by `Character` left, for any text:
    /// combining marks after an edge, CRLF, non-ASCII punctuation, emoji.
    @Test func trimmingEdgesAsByCharacter() {
        let edges = "()[]{}<>\"'.,;:!?*"
        func byCharacter(_ text: Substring) -> Substring {
            var result = text
            while let first = result.first, edges.contains(first) { result = result.dropFirst() }
            while let last = result.last, edges.contains(last) { result = result.dropLast() }
            return result
        }
        var random = RandomTexts(seed: 7, alphabet: "a(.)*\"'!?\u{301}\u{308}\r\n\u{FF08}\u{3002}é🙂\u{200D}«»¿")
        for text in ["", "(\u{301}a)", "((a))", "\r\n.", "a.\u{301}", "(🙂)", "«a»", "!!!"]
            + (0..<5_000).map({ _ in
                random.next(maxLength: 9)
            })
        {
            #expect(
                Substring(text).trimmingEdges(of: edges) == byCharacter(Substring(text)), "\(text.debugDescription)")
        }
    }

    @Test func randomASCIITextFromTheCharactersThatMatter() {
        var random = RandomTexts(
            seed: 42, alphabet: "aAzZqu'l.,;:!?*#$@/-_()[]{}<>\"0123456789 \t\r\n\u{0B}\u{0C}\u{1C}\u{7F}htpsw")
        var mismatches: [String] = []
        for _ in 0..<20_000 {
            let text = random.next(maxLength: 40)
            guard let readers = Self.bothReaders(text) else { continue }
            if readers.ascii != readers.unicode { mismatches.append(text) }
        }
        let sample = Array(mismatches.prefix(5).map(\.debugDescription))
        #expect(mismatches.count == 0, "\(sample)")
    }

    @Test func everyTextOfTheSharedDataSets() throws {
        guard SharedData.isAvailable else {
            print("skipped: the shared data sets are not at \(SharedData.root.path)")
            return
        }
        var compared = 0
        var mismatches: [String] = []
        for text in try SharedData.texts(inFilesEndingWith: ".csv") {
            // Every text through the mixed reader (ASCII chunks on bytes); an ASCII text through the byte reader.
            let mixed = Self.mixedReaders(text)
            if mixed.mixed != mixed.characters { mismatches.append(text) }
            guard let readers = Self.bothReaders(text) else { continue }
            compared += 1
            if readers.ascii != readers.unicode { mismatches.append(text) }
        }
        #expect(compared > 10_000)
        let sample = Array(mismatches.prefix(5))
        #expect(mismatches.count == 0, "\(sample)")
    }
}

@Suite struct ShoutingEquivalenceTests {
    @Test func asciiBytesAgreeWithTheCharacterReading() {
        var random = RandomTexts(seed: 9, alphabet: "abcABCXYZ xyz!?.'\r\n12")
        var shouting = 0
        for _ in 0..<20_000 {
            let text = random.next(maxLength: 30)
            let fast = SignalDetector.isShouting(text)
            #expect(fast == SignalDetector.isShoutingInAnyScript(text), "\(text.debugDescription)")
            if fast { shouting += 1 }
        }
        #expect(shouting > 10)
        #expect(SignalDetector.isShouting("WHERE IS THE ORDER NOW"))
        #expect(!SignalDetector.isShouting("Where is MY order"))
        #expect(SignalDetector.isShouting("WO IST MEINE BESTELLUNG, GRÖẞE"))
    }
}
