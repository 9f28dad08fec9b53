import Testing

@testable import MailMessage

/// Byte searches used on rendered bodies instead of Foundation's `contains` and `range(of:options:)`.
@Suite struct TextSearchTests {
    @Test func containsFindsExactBytesOnly() {
        #expect(TextSearch.contains("[ref:MR-1]", in: "héllo\n[ref:MR-1]\n"))
        #expect(!TextSearch.contains("[ref:MR-1]", in: "[REF:MR-1]"))
        #expect(!TextSearch.contains("[ref:MR-1]", in: "[ref:MR-"))
        #expect(TextSearch.contains("", in: "anything"))
    }

    @Test(arguments: [
        ("<p>é</p></body></html>", "<p>é</p>"),
        ("<p>ü</p></BODY><p>late</p></Body>x", "<p>ü</p></BODY><p>late</p>"),
        ("</body>", ""),
    ])
    func theLastBodyEndIsFoundInEitherCase(html: String, before: String) throws {
        let index = try #require(TextSearch.lastIgnoringASCIICase("</body>", in: html))
        #expect(String(html[..<index]) == before)
        #expect(html[index...].lowercased().hasPrefix("</body>"))
    }

    @Test func noBodyEndOrANonASCIINeedleIsNil() {
        #expect(TextSearch.lastIgnoringASCIICase("</body>", in: "<p>no end</p></bod") == nil)
        #expect(TextSearch.lastIgnoringASCIICase("</body>", in: "") == nil)
        #expect(TextSearch.lastIgnoringASCIICase("ü", in: "ü") == nil)
    }
}
