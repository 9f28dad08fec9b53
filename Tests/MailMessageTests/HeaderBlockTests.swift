import Testing

@testable import MailMessage

@Suite struct HeaderBlockTests {
    private func parse(_ text: String) throws -> Message {
        try MessageParser.parse(Array(text.utf8))
    }

    @Test func unfoldsAndKeepsRawBytes() throws {
        let message = try parse("Subject: a long\r\n\tfolded subject\r\nX-Empty:\r\n\r\nbody")
        #expect(message.subject == "a long\tfolded subject")
        let field = try #require(message.header.fields.first)
        #expect(field.rawValue == Array(" a long\r\n\tfolded subject".utf8))
        #expect(message.header["x-empty"] == "")
        #expect(message.textBody == "body")
    }

    @Test func acceptsWhiteSpaceBeforeTheColon() throws {
        let message = try parse("Subject : obsolete syntax\n\nbody")
        #expect(message.subject == "obsolete syntax")
    }

    @Test func aNonHeaderLineStartsTheBody() throws {
        let message = try parse("Subject: x\nthis is not a header\nmore\n")
        #expect(message.subject == "x")
        #expect(message.textBody == "this is not a header\nmore")
        #expect(message.defects.map(\.code) == [.missingHeaderBodySeparator])
    }

    @Test func mboxFromLineIsSkipped() throws {
        let message = try parse("From MAILER-DAEMON Sun Sep  7 21:40:07 2008\nSubject: s\n\nb")
        #expect(message.subject == "s")
        #expect(message.header.fields.count == 1)
    }

    @Test func utf8HeadersAndLatin1Fallback() throws {
        let utf8 = try parse("Subject: Säying Hello\n\nb")
        #expect(utf8.subject == "Säying Hello")
        let latin1 = try MessageParser.parse(Array("Subject: caf".utf8) + [0xE9] + Array("\n\nb".utf8))
        #expect(latin1.subject == "café")
        #expect(latin1.headerDefects.map(\.code).contains(.eightBitHeader))
    }

    @Test func bareCarriageReturnLineEndings() throws {
        let message = try parse("Subject: old mac\rFrom: a@b.c\r\rbody line 1\rbody line 2\r")
        #expect(message.subject == "old mac")
        #expect(message.from == [Address(address: "a@b.c")])
        #expect(message.textBody == "body line 1\nbody line 2")
        #expect(message.defects.map(\.code) == [.bareCarriageReturns])
    }

    @Test func leadingByteOrderMarkIsIgnored() throws {
        let message = try MessageParser.parse([0xEF, 0xBB, 0xBF] + Array("Subject: bom\n\nb".utf8))
        #expect(message.subject == "bom")
    }

    @Test func messageIDsAndReferences() throws {
        let message = try parse(
            "Message-ID: <a1@x.example>\nIn-Reply-To: <p@x.example> (comment)\n"
                + "References: <r1@x.example>\n <r2@x.example> <p@x.example>\n\nb")
        #expect(message.messageID == "a1@x.example")
        #expect(message.inReplyTo == "p@x.example")
        #expect(message.references == ["r1@x.example", "r2@x.example", "p@x.example"])
        let broken = try parse("Message-ID: no-brackets@x.example\nIn-Reply-To:\n\nb")
        #expect(broken.messageID == "no-brackets@x.example")
        #expect(broken.inReplyTo == nil)
    }

    @Test func emptyInputThrows() {
        #expect(throws: MessageParser.ParseError.empty) { try MessageParser.parse([UInt8]()) }
        #expect(throws: MessageParser.ParseError.empty) { try MessageParser.parse(Array(" \r\n\r\n".utf8)) }
    }

    @Test func headerCountLimitAddsADefect() throws {
        let fields = (0..<50).map { "X-F\($0): v\n" }.joined()
        let limits = ParseLimits(maxSize: 1 << 20, maxHeaderCount: 10, maxDepth: 8, maxParts: 100)
        let message = try MessageParser.parse(Array((fields + "\nbody").utf8), limits: limits)
        #expect(message.header.fields.count == 10)
        #expect(message.defects.map(\.code) == [.tooManyHeaders])
        #expect(message.textBody == "body")
    }
}
