import Testing

@testable import MailMessage

@Suite struct TransferEncodingTests {
    @Test(arguments: [
        ("aGVsbG8gd29ybGQ=", "hello world", false),
        ("aGVs\r\nbG8g\r\nd29y\r\nbGQ=", "hello world", false),
        ("aGVsbG8gd29ybGQ", "hello world", false),  // missing padding
        ("aGVs*bG8gd29ybGQ=", "hello world", true),  // junk skipped, reported
        ("aGk=aGk=", "hihi", false),  // concatenated chunks
    ])
    func base64(input: String, expected: String, hadErrors: Bool) {
        let decoded = TransferEncoding.base64(Array(input.utf8))
        #expect(String(decoding: decoded.bytes, as: UTF8.self) == expected)
        #expect(decoded.hadErrors == hadErrors)
    }

    @Test(arguments: [
        ("caf=C3=A9", "café", false),
        ("soft=\r\nbreak", "softbreak", false),
        ("soft=\nbreak", "softbreak", false),
        ("trailing   \r\nspace", "trailing\r\nspace", false),
        ("lower =c3=a9", "lower é", false),
        ("bad =ZZ escape", "bad =ZZ escape", true),
        ("end=", "end", false),
        ("under_score", "under_score", false),
    ])
    func quotedPrintable(input: String, expected: String, hadErrors: Bool) {
        let decoded = TransferEncoding.quotedPrintable(Array(input.utf8))
        #expect(String(decoding: decoded.bytes, as: UTF8.self) == expected)
        #expect(decoded.hadErrors == hadErrors)
    }

    @Test func qEncodingTurnsUnderscoresIntoSpaces() {
        let decoded = TransferEncoding.quotedPrintable(Array("a_b=20c".utf8), underscoreIsSpace: true)
        #expect(String(decoding: decoded.bytes, as: UTF8.self) == "a b c")
    }

    @Test func uudecode() {
        let text = "begin 644 cat.txt\n#0V%T\n`\nend\n"
        let decoded = TransferEncoding.uudecode(Array(text.utf8))
        #expect(String(decoding: decoded.bytes, as: UTF8.self) == "Cat")
        #expect(!decoded.hadErrors)
    }

    @Test func unknownEncodingIsNotDecoded() {
        #expect(TransferEncoding.decode(Array("x".utf8)[...], encoding: "base9000") == nil)
        #expect(TransferEncoding.decode(Array("x".utf8)[...], encoding: "8bit")?.bytes == Array("x".utf8))
    }
}
