import Testing

@testable import MailroomApp

@Suite("Mustache tag scanner")
struct MustacheTagScannerTests {
    @Test("reads every kind of tag with its line")
    func kinds() throws {
        let text = """
            {{% CONTENT_TYPE: TEXT}}
            {{! note
            over lines }}{{a}} {{{b}}} {{& c }}
            {{#d}}{{^e}}{{/e}}{{/d}}
            {{> f}}{{< g}}{{$h}}{{/h}}{{/g}}
            {{=<% %>=}}<%i%> <%{j%>}
            """
        let tags = try MustacheTagScanner.scan(text)
        let summary = tags.map { "\($0.line):\($0.kind):\($0.content)" }
        #expect(
            summary == [
                "1:pragma:CONTENT_TYPE: TEXT", "2:comment:note\nover lines", "3:variable:a", "3:unescaped:b",
                "3:unescaped:c", "4:section:d", "4:invertedSection:e", "4:close:e", "4:close:d", "5:partial:f",
                "5:parent:g", "5:block:h", "5:close:h", "5:close:g", "6:delimiters:<% %>", "6:variable:i",
                "6:unescaped:j",
            ])
    }

    @Test("an unclosed tag is an error at its line")
    func unclosed() {
        #expect(throws: MustacheTagScanner.ScanError(line: 2, message: "a tag is not closed")) {
            try MustacheTagScanner.scan("ok {{a}}\n{{b\n")
        }
    }

    @Test("text without tags, and lone braces, give no tags")
    func noTags() throws {
        #expect(try MustacheTagScanner.scan("").isEmpty)
        #expect(try MustacheTagScanner.scan("a { b } c }} d").isEmpty)
    }
}
