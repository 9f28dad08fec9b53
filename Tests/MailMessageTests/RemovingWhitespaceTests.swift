import Testing

@testable import MailMessage

/// `removingWhitespace` scans ASCII text by bytes: it must agree with filtering the characters, for every input.
@Suite struct RemovingWhitespaceTests {
    private func byCharacters(_ text: String, angleBrackets: Bool) -> String {
        text.filter { !$0.isWhitespace && !(angleBrackets && ($0 == "<" || $0 == ">")) }
    }

    @Test func agreesWithTheCharacterFilterOnAddressesAndIDs() {
        let samples = [
            "", " ", "<a@b.example>", " <ticket+T-1.x@support.example> ", "@route,@other:user@host.example",
            "a\r\nb", "a\u{0B}b\u{0C}c\u{1C}d\u{1F}e", "tab\there", "user @ host . example", "<>", "<<x>>",
            "josé@exämple.com", "non\u{00A0}breaking@example.com", "ideographic\u{3000}space@example.com",
            "line\u{2028}separator", "next\u{0085}line", "emoji👍🏽@example.com", "e\u{301} combining@example.com",
        ]
        for sample in samples {
            for angleBrackets in [false, true] {
                #expect(
                    sample.removingWhitespace(angleBrackets: angleBrackets)
                        == byCharacters(sample, angleBrackets: angleBrackets), "\(sample.debugDescription)")
            }
        }
    }

    @Test func agreesWithTheCharacterFilterOnRandomText() {
        var generator = SeededGenerator(seed: 7)
        // Every ASCII byte, plus a few non-ASCII white space and letters.
        let alphabet = (0..<128).map { Character(Unicode.Scalar(UInt8($0))) } + ["\u{00A0}", "\u{2003}", "é", "ß"]
        for _ in 0..<2000 {
            let length = Int.random(in: 0..<24, using: &generator)
            let text = String((0..<length).map { _ in alphabet.randomElement(using: &generator)! })
            for angleBrackets in [false, true] {
                #expect(
                    text.removingWhitespace(angleBrackets: angleBrackets)
                        == byCharacters(text, angleBrackets: angleBrackets), "\(text.debugDescription)")
            }
            let tail = text.dropFirst()  // a Substring
            #expect(tail.removingWhitespace() == byCharacters(String(tail), angleBrackets: false))
        }
    }
}
