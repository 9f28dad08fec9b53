import Foundation
import Testing

@testable import MailMessage

@Suite struct MessageIDTests {
    static let date = Date(timeIntervalSince1970: 1_700_000_000.123)

    @Test func generatedIDsAreValidUniqueAndReproducible() throws {
        var generator = SeededGenerator(seed: 1)
        var seen = Set<String>()
        for _ in 0..<1000 {
            let id = try MessageID.generate(domain: "mail.example.com", date: Self.date, using: &generator)
            #expect(MessageID.isValid(id))
            #expect(id.hasSuffix("@mail.example.com"))
            #expect(id.hasPrefix(String(UInt64(1_700_000_000_123), radix: 36) + "."))
            seen.insert(id)
        }
        #expect(seen.count == 1000)
        var first = SeededGenerator(seed: 9)
        var second = SeededGenerator(seed: 9)
        #expect(
            try MessageID.generate(domain: "x.example", date: Self.date, using: &first)
                == MessageID.generate(domain: "x.example", date: Self.date, using: &second))
    }

    @Test(arguments: ["", "exa mple.com", "example.com>", "ex\r\nample.com", ".example.com", "b\u{FC}cher.de", "a@b"])
    func badDomainsAreRejected(domain: String) {
        var generator = SeededGenerator(seed: 1)
        #expect(throws: BuildError.invalidDomain("message-id")) {
            try MessageID.generate(domain: domain, date: Self.date, using: &generator)
        }
    }

    @Test(arguments: [
        ("<abc@example.com>", "abc@example.com"),
        ("  <abc@example.com> (a comment)", "abc@example.com"),
        ("abc@example.com", "abc@example.com"),
        ("\r\n <CAB=x_1+y@mail.gmail.com>", "CAB=x_1+y@mail.gmail.com"),
        ("<no-at-sign-but-seen-in-the-wild>", "no-at-sign-but-seen-in-the-wild"),
        ("< spaced@example.com >", "spaced@example.com"),
        ("<a b@example.com>", "ab@example.com"),  // the parser drops white space inside brackets
    ])
    func normalizeReadsIDs(raw: String, expected: String) {
        #expect(MessageID.normalize(raw) == expected)
    }

    @Test(arguments: [
        "", "   ", "<>", "a b", "no-brackets-no-at", "<a@b\u{0}c>", "<caf\u{E9}@example.com>", "<unclosed@example.com",
    ])
    func normalizeRejectsJunk(raw: String) {
        #expect(MessageID.normalize(raw) == nil)
    }

    @Test func listReadsReferences() {
        let raw = "<a@example.com>\r\n <b@example.com> junk <a@example.com>\t<c@example.com> <bad id>"
        #expect(MessageID.list(raw) == ["a@example.com", "b@example.com", "c@example.com", "badid"])
        #expect(MessageID.list("") == [])
    }

    @Test func validity() {
        #expect(MessageID.isValid("a@b"))
        #expect(!MessageID.isValid(String(repeating: "a", count: 251)))
        #expect(!MessageID.isValid("a@b\r\nBcc: x"))
        #expect(!MessageID.isValid("<a@b>"))
    }
}
