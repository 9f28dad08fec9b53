import Foundation
import Testing

@testable import MailMessage

/// Exact bytes for simple messages: any change in what the builder writes shows up here.
@Suite struct MessageBuilderGoldenTests {
    static let date = Date(timeIntervalSince1970: 1_440_264_140)  // 2015-08-22 17:22:20 UTC

    static func render(_ message: OutgoingMessage, seed: UInt64 = 42) throws -> String {
        var generator = SeededGenerator(seed: seed)
        return String(decoding: try message.render(using: &generator), as: UTF8.self)
    }

    @Test func plainTextMessage() throws {
        let message = OutgoingMessage(
            from: Address(name: "Support", address: "support@example.com"),
            to: [Address(address: "customer@example.org")],
            subject: "Your request", date: Self.date, messageID: "1.abc@example.com",
            textBody: "Hello,\nthanks for writing.")
        let expected = """
            From: Support <support@example.com>\r
            To: customer@example.org\r
            Subject: Your request\r
            Date: Sat, 22 Aug 2015 17:22:20 +0000\r
            Message-ID: <1.abc@example.com>\r
            MIME-Version: 1.0\r
            Content-Type: text/plain; charset=utf-8\r
            Content-Transfer-Encoding: 7bit\r
            \r
            Hello,\r
            thanks for writing.\r

            """
        let rendered = try Self.render(message)
        #expect(rendered == expected, "\(rendered)")
    }

    @Test func automaticReplyWithEncodedSubjectQuotedNameAndQuotedPrintable() throws {
        let message = OutgoingMessage(
            from: Address(name: "Help Desk (ACME)", address: "help@acme.example"),
            to: [
                Address(name: "Doe, Jane", address: "jane@example.org"), Address(name: "Zoë", address: "zoe@x.example"),
            ],
            cc: [Address(address: "team@acme.example")], bcc: [Address(address: "audit@acme.example")],
            replyTo: [Address(address: "help+t.42.sig@acme.example")],
            subject: "Re: Café ouvert?", date: Self.date, utcOffset: -4 * 3600, messageID: "r1@acme.example",
            inReplyTo: "CAB=x_1@mail.gmail.com", references: ["first@example.org", "CAB=x_1@mail.gmail.com"],
            extraFields: [
                HeaderField(name: "Auto-Submitted", value: "auto-replied"),
                HeaderField(name: "X-Auto-Response-Suppress", value: "All"),
            ],
            textBody: "Merci beaucoup, à bientôt.\r\nL'équipe")
        let expected = """
            From: "Help Desk (ACME)" <help@acme.example>\r
            To: "Doe, Jane" <jane@example.org>, =?UTF-8?Q?Zo=C3=AB?= <zoe@x.example>\r
            Cc: team@acme.example\r
            Reply-To: help+t.42.sig@acme.example\r
            Subject: Re: =?UTF-8?B?Q2Fmw6k=?= ouvert?\r
            Date: Sat, 22 Aug 2015 13:22:20 -0400\r
            Message-ID: <r1@acme.example>\r
            In-Reply-To: <CAB=x_1@mail.gmail.com>\r
            References: <first@example.org> <CAB=x_1@mail.gmail.com>\r
            Auto-Submitted: auto-replied\r
            X-Auto-Response-Suppress: All\r
            MIME-Version: 1.0\r
            Content-Type: text/plain; charset=utf-8\r
            Content-Transfer-Encoding: quoted-printable\r
            \r
            Merci beaucoup, =C3=A0 bient=C3=B4t.\r
            L'=C3=A9quipe\r

            """
        let rendered = try Self.render(message)
        #expect(rendered == expected, "\(rendered)")
    }

    @Test func alternativeWithSeededBoundary() throws {
        let message = OutgoingMessage(
            from: Address(address: "a@example.com"), to: [Address(address: "b@example.com")], subject: "Hi",
            date: Self.date, messageID: "m@example.com", textBody: "Hi", htmlBody: "<p>Hi</p>")
        let expected = """
            From: a@example.com\r
            To: b@example.com\r
            Subject: Hi\r
            Date: Sat, 22 Aug 2015 17:22:20 +0000\r
            Message-ID: <m@example.com>\r
            MIME-Version: 1.0\r
            Content-Type: multipart/alternative; boundary="=_BOUNDARY"\r
            \r
            --=_BOUNDARY\r
            Content-Type: text/plain; charset=utf-8\r
            Content-Transfer-Encoding: 7bit\r
            \r
            Hi\r
            \r
            --=_BOUNDARY\r
            Content-Type: text/html; charset=utf-8\r
            Content-Transfer-Encoding: 7bit\r
            \r
            <p>Hi</p>\r
            \r
            --=_BOUNDARY--\r

            """
        let rendered = try Self.render(message)
        let boundary = try #require(TestEntity(Array(rendered.utf8)).parameter("boundary", of: "Content-Type"))
        #expect(boundary.count == 30 && boundary.hasPrefix("=_"))
        #expect(rendered == expected.replacingOccurrences(of: "=_BOUNDARY", with: boundary))
        // The same seed gives the same bytes; another seed another boundary.
        #expect(try Self.render(message) == rendered)
        #expect(try Self.render(message, seed: 43) != rendered)
    }

    @Test func forwardToAgentsWithAttachedMessage() throws {
        let original = Array("From: c@example.org\nSubject: Broken\n\nIt is broken.\n".utf8)
        let message = OutgoingMessage(
            from: Address(address: "gw@example.com"), to: [Address(address: "agents@example.com")],
            subject: "[#42] Broken", date: Self.date, messageID: "f@example.com", textBody: "New ticket.",
            attachedMessages: [original])
        let rendered = try Self.render(message)
        let entity = TestEntity(Array(rendered.utf8))
        let boundary = try #require(entity.parameter("boundary", of: "Content-Type"))
        let expectedBody = """
            --=_B\r
            Content-Type: text/plain; charset=utf-8\r
            Content-Transfer-Encoding: 7bit\r
            \r
            New ticket.\r
            \r
            --=_B\r
            Content-Type: message/rfc822\r
            Content-Transfer-Encoding: 7bit\r
            Content-Disposition: attachment\r
            \r
            From: c@example.org\r
            Subject: Broken\r
            \r
            It is broken.\r
            \r
            --=_B--\r

            """
        #expect(entity.mimeType == "multipart/mixed")
        #expect(
            String(decoding: entity.body, as: UTF8.self) == expectedBody.replacingOccurrences(of: "=_B", with: boundary)
        )
    }
}
