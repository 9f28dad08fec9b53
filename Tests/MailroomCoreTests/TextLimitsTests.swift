import Testing

@testable import MailroomCore

@Suite struct TextLimitsTests {
    /// The definition the byte check stands before: a subject with any newline Character is put on one line.
    static func reference(_ subject: String) -> String {
        subject.contains(where: \.isNewline) ? String(subject.map { $0.isNewline ? " " : $0 }) : subject
    }

    static let pieces = [
        "a", "Re: ", " ", "\t", "\n", "\r", "\r\n", "\u{0B}", "\u{0C}", "\u{85}", "\u{2028}", "\u{2029}", "é", "€",
        "\u{301}", "\u{A0}", "“", "”", "—", "ß", "👍", "🇩🇪", "\u{200D}", "\u{2027}", "\u{202A}", "\n\u{301}",
    ]

    @Test func subjectsWithAndWithoutLineBreaksGiveWhatTheCharacterReaderGave() {
        var generator = SystemRandomNumberGenerator()
        var withBreak = 0
        for _ in 0..<5000 {
            let length = Int.random(in: 0...12, using: &generator)
            let subject = (0..<length).map { _ in Self.pieces.randomElement(using: &generator)! }.joined()
            let oneLine = Self.reference(subject)
            if oneLine != subject { withBreak += 1 }
            // Never a newline Character without one of the bytes the check looks for.
            if subject.contains(where: \.isNewline) { #expect(TextLimits.mayHoldNewline(subject)) }
            let expected =
                oneLine.utf8.count > TextLimits.maximumSubjectCharacters
                ? String(oneLine.prefix(TextLimits.maximumSubjectCharacters)) + "…" : oneLine
            #expect(TextLimits.subject(subject) == expected, "\(Array(subject.unicodeScalars))")
        }
        #expect(withBreak > 1000)
        #expect(!TextLimits.mayHoldNewline("Re: Order #1234 – “where” is it… (ß, €, 👍, \u{2027}, \u{202A}, \u{84})"))
        #expect(TextLimits.subject("one\u{2028}two\r\nthree") == "one two three")
    }
}
