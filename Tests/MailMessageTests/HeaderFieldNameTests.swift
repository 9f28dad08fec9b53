import Testing

@testable import MailMessage

/// `hasName` compares on bytes and stops at the first difference: it must agree with its definition (as many
/// bytes, and the same lower-cased names), whatever follows that difference.
@Suite struct HeaderFieldNameTests {
    @Test func agreesWithLowerCasedComparison() {
        var generator = SeededGenerator(seed: 21)
        // ASCII in both cases, and scalars whose lower case is ASCII or changes length (Kelvin sign, dotted I),
        // a combining mark, and letters that are not ASCII.
        let alphabet: [String] = [
            "a", "A", "b", "B", "k", "K", "i", "I", "s", "S", "-", "_", "1", "\u{212A}", "\u{0130}", "\u{017F}",
            "\u{0301}", "é", "É", "ß", "ẞ",
        ]
        func word() -> String {
            (0..<Int.random(in: 0..<7, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }
                .joined()
        }
        var compared = 0
        for _ in 0..<20_000 {
            let name = word()
            // The other name: the same with some characters changed, or a new one.
            var other = name
            if Bool.random(using: &generator) {
                other = String(
                    name.map { character in
                        Int.random(in: 0..<4, using: &generator) == 0
                            ? Character(alphabet.randomElement(using: &generator)!) : character
                    })
            } else if Bool.random(using: &generator) {
                other = word()
            }
            let field = HeaderField(name: name, value: "x")
            let expected = name.utf8.count == other.utf8.count && name.lowercased() == other.lowercased()
            #expect(field.hasName(other) == expected, "\(name) / \(other)")
            if name.utf8.count == other.utf8.count { compared += 1 }
        }
        #expect(compared > 5_000)
    }

    @Test func fieldNamesMatchIgnoringCase() {
        let field = HeaderField(name: "Auto-Submitted", value: "auto-replied")
        #expect(field.hasName("auto-submitted"))
        #expect(field.hasName("AUTO-SUBMITTED"))
        #expect(!field.hasName("Auto-Submitter"))
        #expect(!field.hasName("Xuto-Submitted"))
        #expect(!field.hasName("Auto-Submitted "))
    }
}
