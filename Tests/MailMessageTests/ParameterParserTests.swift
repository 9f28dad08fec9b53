import Testing

@testable import MailMessage

@Suite struct ParameterParserTests {
    @Test(arguments: [
        ("text/plain; charset=us-ascii", "text/plain", ["charset": "us-ascii"]),
        ("Text/HTML; Charset=\"UTF-8\"", "text/html", ["charset": "UTF-8"]),
        ("multipart/mixed; boundary=\"----=_Part_1\"", "multipart/mixed", ["boundary": "----=_Part_1"]),
        ("text/plain (a comment); charset=(another) utf-8", "text/plain", ["charset": "utf-8"]),
        // A missing ';' before a parameter.
        ("application/pdf name=\"invoice.pdf\"", "application/pdf", ["name": "invoice.pdf"]),
        ("text/plain charset=iso-2022-jp", "text/plain", ["charset": "iso-2022-jp"]),
        // RFC 2231: charset + percent-encoding, continuations, mixed encoded/plain segments.
        ("attachment; filename*=UTF-8''%E2%82%AC%20rates.pdf", "attachment", ["filename": "€ rates.pdf"]),
        ("attachment; filename*0=\"long \"; filename*1=\"name.txt\"", "attachment", ["filename": "long name.txt"]),
        ("attachment; filename*0*=iso-8859-1''caf%E9; filename*1=\".txt\"", "attachment", ["filename": "café.txt"]),
        // RFC 2047 inside a quoted value (non-standard, common).
        ("attachment; filename=\"=?UTF-8?B?w6lsw6h2ZS5kb2M=?=\"", "attachment", ["filename": "élève.doc"]),
        ("inline; filename=\"a\\\"b.txt\"", "inline", ["filename": "a\"b.txt"]),
    ])
    func parses(text: String, value: String, parameters: [String: String]) {
        let parsed = ParameterParser.parse(text)
        #expect(parsed.value == value)
        #expect(parsed.parameters == parameters)
    }

    @Test func duplicateParameterKeepsTheFirstAndReportsIt() {
        let parsed = ParameterParser.parse("text/plain; charset=utf-8; charset=latin1")
        #expect(parsed.parameters["charset"] == "utf-8")
        #expect(parsed.defects.map(\.code) == [.malformedParameter])
    }

    /// Every RFC 2231 example decodes as the RFC says (including the erratum without ';' separators).
    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage)) func rfc2231Vectors() throws {
        let rows = try SharedData.csv("rfc2047_rfc2231_vectors.csv").dropFirst().filter { $0.first == "RFC 2231" }
        #expect(rows.count == 3)
        for row in rows {
            let encoded = row[2]
            let colon = try #require(encoded.firstIndex(of: ":"))
            let value = HeaderField(name: "Content-Type", rawValue: Array(encoded[encoded.index(after: colon)...].utf8))
            let parsed = ParameterParser.parse(value.value)
            // expected: "name=value" optionally followed by " (charset ..., language ...)"
            var expected = row[3]
            if let note = expected.range(of: " (charset") { expected = String(expected[..<note.lowerBound]) }
            let equals = try #require(expected.firstIndex(of: "="))
            let name = expected[..<equals].lowercased()
            #expect(parsed.parameters[name] == String(expected[expected.index(after: equals)...]), "\(encoded)")
        }
    }
}
