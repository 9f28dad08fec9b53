import Testing

@testable import Triage

/// Text made only of scalars below U+0300 is split into words and trigrams by scalar (``SmallScalars``); the
/// words and trigram keys must be those of the plain algorithm on `Character`s, whatever the scalars.
@Suite struct SmallScalarsTests {
    typealias Reference = LanguageDetectorEquivalenceTests.Reference

    /// The trigrams of the plain algorithm, keyed as the detector keys them.
    static func referenceTrigrams(_ text: String) -> [LanguageDetector.Trigram] {
        Reference.trigrams(Reference.words(text)).map { LanguageDetector.Trigram(Array($0)[...]) }
    }

    static func sameSplit(_ text: String) -> Bool {
        let words = LanguageDetector.words(text)
        return words == Reference.words(text)
            && LanguageDetector.trigrams(words) == referenceTrigrams(text)
    }

    @Test func everyScalarBelowU0300SplitsAndLowercasesAsCharactersDo() {
        var mismatches: [UInt32] = []
        var byScalar = 0
        let separators = SmallScalars.separators
        #expect(separators.count == 24 + 47 + 33)
        for value in Array(UInt32(0x80)..<SmallScalars.limit) + separators {
            let scalar = String(Unicode.Scalar(value)!)
            let text = "Ab" + scalar + "Cd " + scalar + scalar + "\r\n" + scalar + "é"
            if SmallScalars.words(text) != nil { byScalar += 1 }
            if !Self.sameSplit(text) || !LanguageDetectorEquivalenceTests.same(text + " bonjour madame") {
                mismatches.append(value)
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5).map { String($0, radix: 16) })")
        // U+0130 (lower-cased to two scalars) and its like go the Character way; nearly every other scalar by scalar.
        #expect(byScalar > 600 + separators.count)
        for value in separators {
            let character = Character(Unicode.Scalar(value)!)
            #expect(
                !character.isLetter && !character.isUppercase && String(character).lowercased() == String(character))
        }
        #expect(SmallScalars.words("Don’t “wait” – 5 €…") == ["don", "t", "wait"])
        #expect(SmallScalars.words("İstanbul") == nil)
        #expect(SmallScalars.words("café\u{301}") == nil)
        #expect(SmallScalars.words("Straße, GRÖSSE\r\nÉté") == ["straße", "grösse", "été"])
    }

    @Test func randomTextOfSmallAndLargeScalars() {
        let small = (UInt32(0x20)..<SmallScalars.limit).map { Character(Unicode.Scalar($0)!) }
        var random = RandomTexts(seed: 11, alphabet: String(small) + "aeiou  \u{301}ы日\r\n’“”–…€\u{200D}\u{203C}")
        var mismatches: [String] = []
        var byScalar = 0
        for _ in 0..<4_000 {
            let text = random.next(maxLength: 40)
            if SmallScalars.words(text) != nil { byScalar += 1 }
            if !Self.sameSplit(text) || !LanguageDetectorEquivalenceTests.same(text) { mismatches.append(text) }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3).map(\.debugDescription))")
        #expect(byScalar > 1_000)
    }

    @Test func shoutingByScalarAgreesWithTheCharacterReading() {
        let small = (UInt32(0x20)..<SmallScalars.limit).map { Character(Unicode.Scalar($0)!) }
        let upper = small.filter(\.isUppercase)
        let other = small.filter { !$0.isUppercase }
        let separators: [Character] = [" ", " ", ",", ".", "\r\n", "-", "'", "\u{AD}", "1", "’", "–", "€"]
        var generator = SeededGenerator(seed: 17)
        func pick(_ pool: [Character]) -> Character { pool[Int(generator.next() % UInt64(pool.count))] }
        var (byScalar, shouting) = (0, 0)
        for _ in 0..<6_000 {
            var text = ""
            for _ in 0..<Int(generator.next() % 7) {
                let capitals = generator.next() % 3 != 0
                for _ in 0..<(1 + Int(generator.next() % 5)) {
                    text.append(capitals && generator.next() % 12 != 0 ? pick(upper) : pick(other))
                }
                text.append(pick(separators))
            }
            guard let fast = SmallScalars.isShouting(text) else { continue }
            byScalar += 1
            if fast { shouting += 1 }
            #expect(fast == SignalDetector.isShoutingInAnyScript(text), "\(text.debugDescription)")
        }
        #expect(byScalar == 6_000)
        #expect(shouting > 500)
        #expect(SmallScalars.isShouting("WO IST MEINE BESTELLUNG, GRÖẞE") == nil)
        #expect(SmallScalars.isShouting("OÙ EST MA COMMANDE, S'IL VOUS PLAÎT") == true)
        #expect(SmallScalars.isShouting("Où est ma COMMANDE, s'il vous plaît") == false)
    }

    @Test func foldingByScalarGivesTheFoldingOfTheWholeText() {
        let small = (UInt32(0x09)..<SmallScalars.limit).map { Character(Unicode.Scalar($0)!) }
        let separators = SmallScalars.separators.map {
            Character(Unicode.Scalar($0)!)
        }
        var random = RandomTexts(seed: 23, alphabet: String(small) + String(separators) + "\r\n  Ab")
        var mismatches: [String] = []
        for _ in 0..<5_000 {
            let text = random.next(maxLength: 40)
            guard let fast = TextNormalizer.foldedByScalar(text) else {
                mismatches.append(text)
                continue
            }
            if fast != TextNormalizer.unicodeFolded(text) || TextNormalizer.fold(text) != fast {
                mismatches.append(text)
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(3).map(\.debugDescription))")
        #expect(TextNormalizer.foldedByScalar("Ｃａｆé") == nil)
        #expect(TextNormalizer.foldedByScalar("café\u{301}") == nil)
        #expect(TextNormalizer.fold("Größe – l’Été ½ Œuvre…") == "grosse - l'ete 1⁄2 oeuvre...")
    }

    @Test func theTableFindsWhatADictionaryFinds() {
        var generator = SeededGenerator(seed: 5)
        var expected: [UInt64: Int] = [:]
        while expected.count < 5_000 { expected[generator.next() >> UInt64(generator.next() % 40)] = expected.count }
        var table = TrigramTable(capacity: expected.count)
        for (key, row) in expected { table.insert(key, row: row) }
        for (key, row) in expected { #expect(table.row(key) == row) }
        var absent = 0
        for _ in 0..<5_000 {
            let key = generator.next()
            if expected[key] == nil {
                absent += 1
                #expect(table.row(key) == nil)
            }
        }
        #expect(absent > 4_000)
        #expect(TrigramTable(capacity: 0).row(7) == nil)
    }
}
