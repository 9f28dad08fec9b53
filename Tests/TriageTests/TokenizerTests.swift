import Testing

@testable import Triage

@Suite struct TokenizerTests {
    @Test(arguments: [
        ("Hello WORLD", ["hello", "world"]),
        ("Café crème brûlée", ["cafe", "creme", "brulee"]),
        ("Straße Größe", ["strasse", "grosse"]),
        ("ＡＢＣ１２", ["abc12"]),
        ("I don't know", ["i", "dont", "know"]),
        ("l'adresse d'expédition", ["adresse", "expedition"]),
        ("it’s broken", ["its", "broken"]),
        ("œuvre Ærø", ["oeuvre", "aero"]),
        ("see https://shop.example.com/orders?id=1 now", ["see", "<url>", "now"]),
        ("visit www.example.org.", ["visit", "<url>"]),
        ("mail me at Jane.Doe@example.co.uk!", ["mail", "me", "at", "<email>"]),
        ("where is order 1234567?", ["where", "is", "order", "<order>"]),
        ("order #98765 is late", ["order", "<order>", "is", "late"]),
        ("Bestellung Nr. 4711", ["bestellung", "nr", "<order>"]),
        ("my ORD-55512 package", ["my", "ord", "<order>", "package"]),
        ("re: ticket 445566", ["re", "ticket", "<ticket>"]),
        ("about #12345", ["about", "<ticket>"]),
        ("case no 777", ["case", "no", "<ticket>"]),
        ("charged $12.50 twice", ["charged", "<money>", "twice"]),
        ("paid 30 EUR", ["paid", "<money>", "eur"]),
        ("2 weeks ago", ["2", "weeks", "ago"]),
        ("since 2023", ["since", "<num>"]),
        ("code AB123456 failed", ["code", "<num>", "failed"]),
        ("covid19 4g", ["covid19", "4g"]),
        ("", []),
        ("¿Dónde está mi pedido 123456?", ["donde", "esta", "mi", "pedido", "<order>"]),
    ])
    func tokenises(text: String, expected: [String]) {
        #expect(Tokenizer().words(text) == expected)
    }

    @Test(arguments: [
        ("where is order 1234567", Token.Kind.orderNumber, "1234567"),
        ("ticket #889900", .ticketNumber, "889900"),
        ("write to help@shop.example", .email, "help@shop.example"),
        ("costs 19,99 €", .money, "19,99"),
    ])
    func keepsTypedValues(text: String, kind: Token.Kind, raw: String) {
        let token = Tokenizer().tokens(text).first { $0.kind == kind }
        #expect(token?.raw == raw)
        #expect(token?.text == Token.placeholder(for: kind))
    }

    @Test(arguments: [
        ("ÉCOLE", "ecole"),
        ("naïve façade", "naive facade"),
        ("Ｆｕｌｌｗｉｄｔｈ", "fullwidth"),
        ("İstanbul", "istanbul"),
        ("ﬁne", "fine"),
    ])
    func folds(text: String, expected: String) {
        #expect(TextNormalizer.fold(text) == expected)
    }
}

@Suite struct FeatureExtractorTests {
    @Test func countsAreBoundedByTheHashSpace() {
        let settings = FeatureSettings(hashBits: 10)
        let counts = FeatureExtractor(settings: settings).counts(
            String(repeating: "lorem ipsum dolor sit amet ", count: 50))
        #expect(counts.indices.allSatisfy { Int($0) < settings.dimension })
        #expect(counts.indices == counts.indices.sorted())
        #expect(Set(counts.indices).count == counts.count)
    }

    @Test func wordAndCharacterBlocksAreSeparate() {
        let settings = FeatureSettings(hashBits: 12, wordNgramMax: 2, charNgramMin: 3, charNgramMax: 3)
        let counts = FeatureExtractor(settings: settings).counts("card arrived")
        let words = counts.indices.filter { settings.isWordFeature($0) }
        // two words and one pair; " card " and " arrived " give 4 and 7 trigrams
        let total = counts.values.reduce(Float(0), +)
        #expect(total == 14)
        #expect(words.count <= 3 && !words.isEmpty)
    }

    @Test func tfidfVectorHasUnitLengthForKnownText() {
        let settings = FeatureSettings(hashBits: 12, minDocumentFrequency: 1)
        let extractor = FeatureExtractor(settings: settings)
        let documents = ["my card has not arrived", "how do I top up", "card payment declined"].map(extractor.counts)
        let space = FeatureSpace(settings: settings, documents: documents)
        let vector = space.vector(extractor.counts("card payment declined"))
        #expect(abs(vector.norm - 1) < 1e-5)
        let unfamiliar = space.vector(extractor.counts("card zebra xylophone"))
        #expect(unfamiliar.norm < 0.9)
    }
}
