import Testing

@testable import MailMessage

@Suite struct MIMEStructureTests {
    private func parse(_ text: String, limits: ParseLimits = .default) throws -> Message {
        try MessageParser.parse(Array(text.replacingOccurrences(of: "\n", with: "\r\n").utf8), limits: limits)
    }

    private let nested = """
        Subject: nested
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="outer"

        This is the preamble.
        --outer
        Content-Type: multipart/alternative; boundary="inner"

        --inner
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: quoted-printable

        Gr=C3=BC=C3=9Fe
        --inner
        Content-Type: text/html; charset=utf-8

        <p>Gr&uuml;&szlig;e <b>HTML</b></p>
        --inner--
        --outer
        Content-Type: application/pdf; name="r.pdf"
        Content-Disposition: attachment; filename="report.pdf"
        Content-Transfer-Encoding: base64

        JVBERi0xLjQK
        --outer
        Content-Type: message/rfc822

        Subject: inner message
        From: Inner <inner@example.org>

        inner body
        --outer--
        This is the epilogue.
        """

    @Test func nestedMultipartWithAttachmentAndEmbeddedMessage() throws {
        let message = try parse(nested)
        #expect(message.defects.isEmpty)
        #expect(message.textBody == "Grüße")
        #expect(message.htmlBody?.contains("<b>HTML</b>") == true)
        let attachments = message.attachments
        #expect(attachments.map(\.filename) == ["report.pdf", nil])
        #expect(attachments.map(\.contentType) == ["application/pdf", "message/rfc822"])
        #expect(attachments[0].bytes == Array("%PDF-1.4\n".utf8))
        guard case .multipart(let parts, let preamble, let epilogue) = message.root.body else {
            Issue.record("not multipart")
            return
        }
        #expect(parts.count == 3)
        #expect(String(decoding: preamble, as: UTF8.self) == "This is the preamble.")
        #expect(String(decoding: epilogue, as: UTF8.self) == "This is the epilogue.")
        guard case .message(let inner, _) = parts[2].body else {
            Issue.record("no embedded message")
            return
        }
        #expect(inner.subject == "inner message")
        #expect(inner.from.first?.name == "Inner")
        #expect(inner.textBody == "inner body")
    }

    @Test func htmlIsUsedWhenThereIsNoPlainText() throws {
        let message = try parse(
            """
            Content-Type: multipart/alternative; boundary=b

            --b
            Content-Type: text/plain

            \("")
            --b
            Content-Type: text/html

            <div>Only <a href="https://x.example/a">HTML</a></div>
            --b--
            """)
        #expect(message.textBody == "Only HTML (https://x.example/a)")
    }

    @Test func relatedUsesItsRootAndKeepsInlineImagesAsAttachments() throws {
        let message = try parse(
            """
            Content-Type: multipart/related; boundary=r; type="text/html"

            --r
            Content-Type: text/html

            <p>See the logo</p>
            --r
            Content-Type: image/png
            Content-ID: <logo@x>
            Content-Disposition: inline
            Content-Transfer-Encoding: base64

            iVBORw0K
            --r--
            """)
        #expect(message.textBody == "See the logo")
        #expect(message.attachments.map(\.contentID) == ["logo@x"])
        #expect(message.attachments.first?.disposition == "inline")
    }

    @Test func missingClosingBoundaryKeepsTheLastPart() throws {
        let message = try parse(
            """
            Content-Type: multipart/mixed; boundary=b

            --b
            Content-Type: text/plain

            first
            --b
            Content-Type: text/plain

            second, never closed
            """)
        #expect(message.textBody == "first\n\nsecond, never closed")
        #expect(message.defects.map(\.code) == [.missingClosingBoundary])
    }

    @Test func missingBoundariesBecomePlainTextWithADefect() throws {
        let noParameter = try parse("Content-Type: multipart/mixed\n\njust text")
        #expect(noParameter.textBody == "just text")
        #expect(noParameter.defects.map(\.code) == [.missingBoundaryParameter])
        let noDelimiter = try parse("Content-Type: multipart/mixed; boundary=zz\n\njust text")
        #expect(noDelimiter.textBody == "just text")
        #expect(noDelimiter.defects.map(\.code) == [.missingStartBoundary])
    }

    @Test func boundaryLinesMayHaveTrailingWhiteSpaceButNotOtherText() throws {
        let message = try parse("Content-Type: multipart/mixed; boundary=b\n\n--b  \n\none\n--bb\nstill one\n--b--\n")
        #expect(message.textBody == "one\n--bb\nstill one")
    }

    @Test func digestPartsDefaultToMessages() throws {
        let message = try parse(
            """
            Content-Type: multipart/digest; boundary=d

            --d

            Subject: first digest entry

            one
            --d--
            """)
        #expect(message.attachments.map(\.contentType) == ["message/rfc822"])
    }

    @Test func unknownTransferEncodingIsKeptAndReported() throws {
        let message = try parse("Content-Transfer-Encoding: base9000\n\nraw text")
        #expect(message.textBody == "raw text")
        #expect(message.defects.map(\.code) == [.unknownTransferEncoding])
    }

    @Test func charsetDefectsAreReportedForTheBody() throws {
        let message = try MessageParser.parse(
            Array("Content-Type: text/plain; charset=x-nonsense\n\ncaf".utf8) + [0xE9])
        #expect(message.textBody == "café")
        #expect(message.allDefects.map(\.code) == [.unknownCharset])
    }

    @Test func depthLimitKeepsDeepPartsOpaque() throws {
        var text = ""
        for level in 0..<6 { text += "Content-Type: multipart/mixed; boundary=b\(level)\n\n--b\(level)\n" }
        text += "Content-Type: text/plain\n\ndeep\n"
        let limits = ParseLimits(maxSize: 1 << 20, maxHeaderCount: 100, maxDepth: 3, maxParts: 100)
        let message = try parse(text, limits: limits)
        #expect(message.defects.contains { $0.code == .tooDeep })
    }

    @Test func partLimitStopsSplitting() throws {
        var text = "Content-Type: multipart/mixed; boundary=b\n\n"
        for index in 0..<20 { text += "--b\nContent-Type: text/plain\n\npart \(index)\n" }
        text += "--b--\n"
        let limits = ParseLimits(maxSize: 1 << 20, maxHeaderCount: 100, maxDepth: 8, maxParts: 5)
        let message = try parse(text, limits: limits)
        #expect(message.root.parts.count == 4)
        #expect(message.defects.contains { $0.code == .tooManyParts })
    }

    @Test func sizeLimitTruncatesWithADefect() throws {
        let text = "Subject: big\n\n" + String(repeating: "x", count: 5000)
        let limits = ParseLimits(maxSize: 1000, maxHeaderCount: 100, maxDepth: 8, maxParts: 100)
        let message = try parse(text, limits: limits)
        #expect(message.subject == "big")
        #expect(message.defects.first?.code == .messageTooLarge)
        #expect(message.textBody.count < 1000)
        #expect(message.size > 5000)
    }

    @Test func formatFlowedIsJoined() throws {
        let message = try parse(
            """
            Content-Type: text/plain; format=flowed

            This is one \n long line.
            > quoted \n> flowed
            """)
        #expect(message.textBody == "This is one long line.\n> quoted flowed")
    }
}
