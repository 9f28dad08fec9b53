import Testing

@testable import Triage

/// `tokens(_:under:)` reads the text once for both token lists; they must be exactly `tokens(text)` and
/// `tokens(heading + "\n" + text)`.
@Suite struct HeadedTokensTests {
    static func same(_ heading: String, _ text: String) -> Bool {
        let both = Tokenizer().tokens(text, under: heading)
        return both.text == Tokenizer().tokens(text) && both.headed == Tokenizer().tokens(heading + "\n" + text)
    }

    @Test(arguments: [
        ("Order", "12345 never arrived"), ("Where is order", "#98765?"), ("Re: Bestellung", "Nr. 4711 fehlt"),
        ("Größe", "where is my order"), ("where is my order", "Größe und Farbe"), ("Subject\r", "\nbody"),
        ("Ｃａｆé", "e\u{301}cole"), ("", "text"), ("heading", ""), ("ticket", "MR-7K4QX2 please"),
        ("https://shop.example/a", "b"), ("amount", "$12.50 twice"), ("qu'", "il vient"), ("l'", "adresse"),
    ])
    func handWritten(heading: String, text: String) {
        #expect(Self.same(heading, text), "\(heading.debugDescription) / \(text.debugDescription)")
    }

    @Test func randomHeadingsAndTexts() {
        var random = RandomTexts(
            seed: 31, alphabet: "aAzZqu'l.,#$@/-: 0123456789\r\nordertckORDé\u{301}ß€“”日")
        var mismatches: [String] = []
        for _ in 0..<5_000 {
            let (heading, text) = (random.next(maxLength: 20), random.next(maxLength: 40))
            if !Self.same(heading, text) { mismatches.append(heading + " / " + text) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3).map(\.debugDescription))")
    }

    @Test func consecutiveTextsOfTheSharedDataSets() throws {
        guard SharedData.isAvailable else {
            print("skipped: the shared data sets are not at \(SharedData.root.path)")
            return
        }
        let texts = try SharedData.texts(inFilesEndingWith: "dev.csv")
        let pairs = Array(zip(texts, texts.dropFirst()).prefix(6_000))
        let mismatches = pairs.filter { !Self.same($0.0, $0.1) }
        #expect(pairs.count > 5_000)
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3))")
    }
}
