import Foundation
import Testing

@testable import MailMessage

/// A CR or LF in a value from outside never starts a new header line: display text is encoded (and
/// decodes back), structure is rejected with a typed error naming the field.
@Suite struct HeaderInjectionTests {
    static let breaks = ["\r\n", "\n", "\r", "\r\n ", "\n\t"]

    static func base(_ change: (inout OutgoingMessage) -> Void = { _ in }) -> OutgoingMessage {
        var message = OutgoingMessage(
            from: Address(name: "Support", address: "support@example.com"), to: [Address(address: "c@example.org")],
            subject: "Hello", date: Date(timeIntervalSince1970: 0), messageID: "id@example.com", textBody: "Body")
        change(&message)
        return message
    }

    static func render(_ message: OutgoingMessage) throws -> [UInt8] {
        var generator = SeededGenerator(seed: 7)
        return try message.render(using: &generator)
    }

    /// Header lines of a rendered message (up to the blank line), and whether any field injected Bcc.
    static func headerLines(_ bytes: [UInt8]) -> [String] {
        var lines: [String] = []
        for line in TestEntity.lines(bytes) {
            if line.isEmpty { break }
            lines.append(String(decoding: line, as: UTF8.self))
        }
        return lines
    }

    static func expectNoBareLineBreaks(_ bytes: [UInt8]) {
        for line in TestEntity.lines(bytes) {
            #expect(!line.contains(0x0D) && !line.contains(0x0A))
        }
    }

    @Test(arguments: breaks)
    func subjectIsEncodedAndRoundTrips(lineBreak: String) throws {
        let subject = "Hello\(lineBreak)Bcc: victim@example.net"
        let bytes = try Self.render(Self.base { $0.subject = subject })
        Self.expectNoBareLineBreaks(bytes)
        let lines = Self.headerLines(bytes)
        #expect(!lines.contains { $0.lowercased().hasPrefix("bcc") })
        let value = try #require(TestEntity(bytes).field("Subject"))
        #expect(EncodedWord.decode(value) == subject)
    }

    @Test(arguments: breaks)
    func displayNameIsEncodedAndRoundTrips(lineBreak: String) throws {
        let name = "Eve\(lineBreak)Bcc: victim@example.net"
        let bytes = try Self.render(Self.base { $0.to = [Address(name: name, address: "eve@example.org")] })
        Self.expectNoBareLineBreaks(bytes)
        #expect(!Self.headerLines(bytes).contains { $0.lowercased().hasPrefix("bcc") })
        let value = try #require(TestEntity(bytes).field("To"))
        #expect(value.hasSuffix(" <eve@example.org>"))
        #expect(EncodedWord.decode(String(value.dropLast(" <eve@example.org>".count))) == name)
    }

    @Test(arguments: breaks)
    func filenameIsEncoded(lineBreak: String) throws {
        let attachment = Attachment(
            filename: "a\(lineBreak)Content-Type: text/html", contentType: "application/pdf", contentID: nil,
            disposition: nil, bytes: [1, 2, 3])
        let bytes = try Self.render(Self.base { $0.attachments = [attachment] })
        Self.expectNoBareLineBreaks(bytes)
        let lines = TestEntity.lines(bytes).map { String(decoding: $0, as: UTF8.self) }
        #expect(!lines.contains { $0.hasPrefix("Content-Type: text/html") })
    }

    @Test(arguments: breaks)
    func structuredValuesAreRejected(lineBreak: String) {
        let injected = "x@example.org\(lineBreak)Bcc: victim@example.net"
        let cases: [(BuildError, (inout OutgoingMessage) -> Void)] = [
            (.invalidAddress("from"), { $0.from = Address(address: injected) }),
            (.invalidAddress("to"), { $0.to = [Address(address: injected)] }),
            (.invalidAddress("cc"), { $0.cc = [Address(address: injected)] }),
            (.invalidAddress("bcc"), { $0.bcc = [Address(address: injected)] }),
            (.invalidAddress("reply-to"), { $0.replyTo = [Address(address: injected)] }),
            (.invalidMessageID("message-id"), { $0.messageID = injected }),
            (.invalidMessageID("in-reply-to"), { $0.inReplyTo = injected }),
            (.invalidMessageID("references"), { $0.references = ["ok@example.org", injected] }),
            (
                .invalidHeaderValue("extra-field[0]"),
                { $0.extraFields = [HeaderField(name: "X-Loop", value: injected)] }
            ),
            (
                .invalidHeaderName("extra-field[0]"),
                { $0.extraFields = [HeaderField(name: "X\(lineBreak)Bcc", value: "v")] }
            ),
            (
                .invalidMessageID("attachment[0].content-id"),
                {
                    $0.attachments = [
                        Attachment(
                            filename: nil, contentType: "image/png", contentID: injected, disposition: "inline",
                            bytes: [])
                    ]
                }
            ),
            (
                .invalidContentType("attachment[0].content-type"),
                {
                    $0.attachments = [
                        Attachment(
                            filename: nil, contentType: "image/png\(lineBreak)Bcc: x", contentID: nil, disposition: nil,
                            bytes: [])
                    ]
                }
            ),
            (
                .invalidDisposition("attachment[0].disposition"),
                {
                    $0.attachments = [
                        Attachment(
                            filename: nil, contentType: "image/png", contentID: nil,
                            disposition: "inline\(lineBreak)Bcc: x", bytes: [])
                    ]
                }
            ),
        ]
        for (expected, change) in cases {
            #expect(throws: expected) { try Self.render(Self.base(change)) }
        }
    }

    @Test(arguments: [
        "a b@example.org", "<a@example.org>", "a@example.org>", "no-at-sign", "@example.org", "a@", "a@exa mple.org",
        "a\u{0}@example.org", "a\t@example.org", "jos\u{E9}@example.org", "a@b@c d", "a,b@example.org",
        "\"quoted\"@example.org", String(repeating: "a", count: 65) + "@example.org",
        "a@" + String(repeating: "b", count: 260),
    ])
    func badAddressesAreRejected(address: String) {
        #expect(throws: BuildError.invalidAddress("to")) {
            try Self.render(Self.base { $0.to = [Address(address: address)] })
        }
        #expect(throws: BuildError.invalidAddress("address")) { try Address(address: address).formatted() }
    }

    @Test(arguments: [
        "first.last@example.org", "o'brien+tag@example.co.uk", "x@[192.0.2.1]", "a..b@docomo.ne.jp",
        "_@mail_host.example",
    ])
    func realAddressesAreAccepted(address: String) throws {
        #expect(try Address(address: address).formatted() == address)
    }

    @Test(arguments: [
        "Subject", "subject", "FROM", "Bcc", "Message-ID", "Content-Type", "content-transfer-encoding", "MIME-Version",
    ])
    func reservedExtraNamesAreRejected(name: String) {
        #expect(throws: BuildError.reservedHeaderName("extra-field[0]")) {
            try Self.render(Self.base { $0.extraFields = [HeaderField(name: name, value: "x")] })
        }
    }

    @Test(arguments: ["X Loop", "X:Loop", "", "X-\u{E9}", String(repeating: "X", count: 77)])
    func badExtraNamesAreRejected(name: String) {
        #expect(throws: BuildError.invalidHeaderName("extra-field[0]")) {
            try Self.render(Self.base { $0.extraFields = [HeaderField(name: name, value: "x")] })
        }
    }

    @Test(arguments: ["caf\u{E9}", "a\u{0}b", "a\u{7F}", String(repeating: "x", count: 950)])
    func badExtraValuesAreRejected(value: String) {
        #expect(throws: BuildError.invalidHeaderValue("extra-field[0]")) {
            try Self.render(Self.base { $0.extraFields = [HeaderField(name: "X-Test", value: value)] })
        }
    }

    @Test func errorsDescribeReasonAndField() {
        #expect(BuildError.invalidAddress("to").description == "invalid-address: to")
        #expect(BuildError.invalidAddress("to").code == "invalid-address")
        #expect(BuildError.invalidAddress("to") != BuildError.invalidAddress("cc"))
        #expect(BuildError.invalidAddress("to") != BuildError.invalidMessageID("to"))
    }

    @Test func bccIsNeverWrittenButIsARecipient() throws {
        let message = Self.base { $0.bcc = [Address(name: "Audit", address: "audit@example.com")] }
        let text = String(decoding: try Self.render(message), as: UTF8.self)
        #expect(!text.contains("audit@example.com"))
        #expect(!text.lowercased().contains("bcc"))
        #expect(message.recipients.map(\.address) == ["c@example.org", "audit@example.com"])
    }
}
