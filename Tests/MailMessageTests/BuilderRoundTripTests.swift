import Foundation
import Testing

@testable import MailMessage

/// What the builder writes, the parser reads back as the same values, over seeded random messages.
@Suite struct BuilderRoundTripTests {
    static let seeds: [UInt64] = Array(1000...1299)

    /// The text the parser's `textBody` gives for a text part we wrote: LF line ends, trailing blanks and
    /// outer blank lines trimmed.
    static func readable(_ text: String) -> String {
        MIMEPart.normalizeLineEnds(text).trimmedTrailingLines()
    }

    static func roundTrip(_ message: OutgoingMessage, seed: UInt64) throws -> Message {
        var generator = SeededGenerator(seed: seed)
        return try MessageParser.parse(try message.render(using: &generator))
    }

    @Test(arguments: seeds)
    func headersRoundTrip(seed: UInt64) throws {
        var random = RandomMessages(seed: seed)
        let sent = random.message()
        let read = try Self.roundTrip(sent, seed: seed)
        #expect((read.subject ?? "") == sent.subject.trimmed([" ", "\t"]))
        #expect(read.from.map(Self.pair) == [Self.pair(sent.from)])
        #expect(read.to.map(Self.pair) == sent.to.map(Self.pair))
        #expect(read.cc.map(Self.pair) == sent.cc.map(Self.pair))
        #expect(read.replyTo.map(Self.pair) == sent.replyTo.map(Self.pair))
        #expect(read.messageID == sent.messageID)
        #expect(read.inReplyTo == sent.inReplyTo)
        #expect(read.references == sent.references)
        #expect(read.date.map { Int($0.timeIntervalSince1970) } == Int(sent.date.timeIntervalSince1970))
        #expect(read.allDefects.isEmpty, "\(read.allDefects)")
    }

    @Test(arguments: seeds)
    func bodiesAndAttachmentsRoundTrip(seed: UInt64) throws {
        var random = RandomMessages(seed: seed)
        var sent = random.message()
        if random.chance(20) { sent.textBody = "" }  // the reader then falls back to the HTML
        let read = try Self.roundTrip(sent, seed: seed)
        let text = Self.readable(sent.textBody)
        if let html = sent.htmlBody, text.isEmpty {
            #expect(read.textBody == HTMLText.toText(html).trimmedTrailingLines())
        } else {
            #expect(read.textBody == text)
        }
        if let html = sent.htmlBody {
            let written = MIMEPart.normalizeLineEnds(html)
            #expect(read.htmlBody == (written.isEmpty || written.hasSuffix("\n") ? written : written + "\n"))
        }
        var expected = sent.attachments
        for raw in sent.attachedMessages {
            let lines = MessageBuilder.normalizedLines(raw, finalBreak: false)
            expected.append(
                TransferEncoding.canSendUnencoded(lines, allowEightBit: true)
                    ? Attachment(
                        filename: nil, contentType: "message/rfc822", contentID: nil, disposition: "attachment",
                        bytes: lines)
                    : Attachment(
                        filename: "original.eml", contentType: "application/octet-stream", contentID: nil,
                        disposition: "attachment", bytes: raw))
        }
        #expect(read.attachments.count == expected.count)
        for attachment in expected {
            #expect(read.attachments.contains(attachment), "lost: \(Self.summary(attachment))")
        }
    }

    @Test func attachmentWithNULsAndLongLinesRoundTrips() throws {
        let bytes: [UInt8] = [0, 0, 13, 10, 0] + Array(repeating: 0x41, count: 5000) + [13, 0, 10, 0xFF]
        let message = OutgoingMessage(
            from: Address(name: "מערכת", address: "system@example.com"),
            to: [Address(name: "عميل", address: "customer@example.org")], subject: "קובץ مرفق 📎",
            date: Date(timeIntervalSince1970: 1_700_000_000), messageID: "nul@example.com", textBody: "see file",
            attachments: [
                Attachment(
                    filename: "دليل.bin", contentType: "application/octet-stream", contentID: nil, disposition: nil,
                    bytes: bytes)
            ])
        let read = try Self.roundTrip(message, seed: 1)
        #expect(read.subject == "קובץ مرفق 📎")
        #expect(read.to.first?.name == "عميل")
        #expect(read.attachments.first?.bytes == bytes)
        #expect(read.attachments.first?.filename == "دليل.bin")
    }

    /// Name and address; the reader trims white space, CR and LF around decoded display names.
    static func pair(_ address: Address) -> String {
        let name = (address.name ?? "").trimmed()
        return name.isEmpty ? address.address : "\(name.debugDescription) \(address.address)"
    }

    static func summary(_ attachment: MailMessage.Attachment) -> String {
        "\(attachment.contentType) \(attachment.filename.debugDescription) \(attachment.disposition ?? "-") "
            + "\(attachment.contentID ?? "-") \(attachment.bytes.count) bytes"
    }
}
