import Foundation
import Testing

@testable import MailMessage

/// The real replies from talon's test set, read without the parser: header and body split at the first
/// empty line, the body quoted-printable-decoded when the header says so (single-part text/plain only).
@Suite(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))
struct ReplyTextFixtureTests {
    static func body(of bytes: [UInt8]) -> String {
        var headerEnd = bytes.count
        var bodyStart = bytes.count
        for index in bytes.indices where bytes[index] == 0x0A {
            if index + 1 < bytes.count, bytes[index + 1] == 0x0A {
                (headerEnd, bodyStart) = (index, index + 2)
                break
            }
            if index + 2 < bytes.count, bytes[index + 1] == 0x0D, bytes[index + 2] == 0x0A {
                (headerEnd, bodyStart) = (index, index + 3)
                break
            }
        }
        let header = String(decoding: bytes[..<headerEnd], as: UTF8.self).lowercased()
        var body = Array(bytes[bodyStart...])
        if header.contains("content-transfer-encoding: quoted-printable") {
            body = TransferEncoding.quotedPrintable(body).bytes
        }
        return Charset.decode(body, label: "utf-8").text
    }

    @Test(arguments: [
        "talon__standard_replies-apple_mail_2.eml", "talon__standard_replies-iphone.eml",
        "talon__standard_replies-thunderbird.eml", "talon__standard_replies-yahoo.eml",
    ])
    func realRepliesGiveTheNewText(name: String) throws {
        let text = Self.body(of: try SharedData.bytes(name))
        #expect(text.contains("Hello") && text.count > "Hello".count + 5, "fixture not read as expected")
        #expect(ReplyText.newText(text) == "Hello")
    }

    @Test(arguments: [
        "talon__standard_replies-apple_mail_2.eml", "talon__standard_replies-iphone.eml",
        "talon__standard_replies-thunderbird.eml", "talon__standard_replies-yahoo.eml",
    ])
    func realRepliesThroughTheParser(name: String) throws {
        let message = try MessageParser.parse(try SharedData.bytes(name))
        #expect(ReplyText.newText(message.textBody) == "Hello")
    }

    /// Over every fixture: the new text is never empty when the body has text, and never longer.
    @Test func everyFixtureKeepsSomeText() throws {
        var checked = 0
        for name in SharedData.fixtureNames() {
            guard let message = try? MessageParser.parse(try SharedData.bytes(name)) else { continue }
            let body = message.textBody
            let new = ReplyText.newText(body)
            #expect(new.isEmpty == !body.contains { !$0.isWhitespace }, "\(name)")
            #expect(new.count <= body.count, "\(name)")
            checked += 1
        }
        #expect(checked > 100)
    }
}
