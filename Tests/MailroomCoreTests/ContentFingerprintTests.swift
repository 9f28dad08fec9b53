import Crypto
import Foundation
import MailroomCore
import Testing

/// The fingerprint that recognises the same message delivered twice: a SHA-256 over the message without the
/// fields each hop or delivery adds, with LF line ends.
struct ContentFingerprintTests {
    /// The fields a delivery adds (the contract), by name and by prefix, compared without case.
    static let traceNames: Set<String> = [
        "received", "return-path", "delivered-to", "x-original-to", "envelope-to", "authentication-results",
        "received-spf", "status", "x-status", "x-uid", "x-keywords", "x-mozilla-status", "x-mozilla-status2",
        "dkim-signature-verified", "x-delivered-to", "lines", "content-length",
    ]
    static let tracePrefixes = ["x-envelope-", "arc-", "x-spam", "x-virus", "x-ms-exchange-organization"]

    /// The definition, written plainly: the lines (CR before LF dropped, a last line without LF kept, none in an
    /// empty message), header
    /// fields of the list above left out with their continuation lines, each line hashed with an LF.
    static func reference(_ raw: [UInt8]) -> String {
        var lines = raw.split(separator: 0x0A, omittingEmptySubsequences: false).map { Array($0) }
        if raw.isEmpty || raw.last == 0x0A { lines.removeLast() }
        var content: [UInt8] = []
        var inHeader = true
        var skipping = false
        for var line in lines {
            if line.last == 0x0D { line.removeLast() }
            if inHeader {
                if line.isEmpty {
                    inHeader = false
                } else if line[0] == 0x20 || line[0] == 0x09 {
                    if skipping { continue }
                } else {
                    let text = String(decoding: line, as: UTF8.self)
                    if let colon = text.firstIndex(of: ":") {
                        var name = text[..<colon].lowercased()
                        while name.hasSuffix(" ") { name.removeLast() }
                        skipping = traceNames.contains(name) || tracePrefixes.contains { name.hasPrefix($0) }
                    } else {
                        skipping = false
                    }
                    if skipping { continue }
                }
            }
            content += line + [0x0A]
        }
        return SHA256.hash(data: content).map { String(format: "%02x", $0) }.joined()
    }

    @Test func aKnownMessage() {
        let raw = Array(
            ("Received: from a.example by b.example;\r\n\tMon, 7 Dec 2026 10:00:00 +0000\r\n"
                + "From: Ann <ann@example.com>\r\nMessage-ID: <k1@example.com>\r\nX-Spam-Score: 3\r\n"
                + "Subject: Hello\r\n\r\nBody line\r\nReceived: in the body stays\r\n").utf8)
        let kept =
            "From: Ann <ann@example.com>\nMessage-ID: <k1@example.com>\nSubject: Hello\n\nBody line\n"
            + "Received: in the body stays\n"
        let expected = SHA256.hash(data: Array(kept.utf8)).map { String(format: "%02x", $0) }.joined()
        let scan = ContentFingerprint.scan(raw)
        #expect(scan.hash == expected)
        #expect(scan.messageID == "k1@example.com")
        #expect(scan.from == "Ann <ann@example.com>")
    }

    @Test func deliveryFieldsAndLineEndsDoNotChangeItTheContentDoes() {
        let base = "From: a@example.com\nSubject: Order 17\nMessage-ID: <o17@example.com>\n\nWhere is it?\n"
        let delivered =
            "Return-Path: <a@example.com>\r\nDelivered-To: support@shop.example\r\n"
            + "ARC-Seal: i=1; a=rsa-sha256;\r\n cv=none\r\nX-Envelope-From: a@example.com\r\n"
            + base.replacingOccurrences(of: "\n", with: "\r\n")
        let fingerprint = ContentFingerprint.compute(Array(base.utf8))
        #expect(ContentFingerprint.compute(Array(delivered.utf8)) == fingerprint)
        #expect(ContentFingerprint.compute(Array(base.replacingOccurrences(of: "17", with: "18").utf8)) != fingerprint)
        // No LF after the last line: the same as with one.
        #expect(ContentFingerprint.compute(Array(base.dropLast().utf8)) == fingerprint)
    }

    @Test func theFirstMessageIDAndFromAreReadUnfolded() {
        let raw = Array(
            ("FROM : \"Ann\r\n Example\" <ann@example.com>\r\nFrom: second@example.com\r\n"
                + "message-id:\r\n <folded@example.com>\r\n\r\nx\r\n").utf8)
        let scan = ContentFingerprint.scan(raw)
        #expect(scan.from == "\"Ann Example\" <ann@example.com>")
        #expect(scan.messageID == "folded@example.com")
    }

    /// Random messages from pieces that matter (delivery fields in any case, folded lines, CR LF and LF, lines
    /// without a colon, a header with no body, bytes that are not UTF-8): the fingerprint is the definition's.
    @Test func randomMessagesMatchTheDefinition() {
        var generator = SeededRandom(seed: 0x5EED_F1A9)
        let names = [
            "Received", "received", "X-Spam-Flag", "ARC-Message-Signature", "From", "Subject", "Message-ID",
            "Content-Type", "X-Envelope-To", "Lines", "Status", "X-Mailer", "Content-Length", "DKIM-Signature",
        ]
        let pieces: [[UInt8]] = [
            Array("value one".utf8), Array("<id@example.com>".utf8), [0xC3, 0xA9, 0xFF, 0x00], Array("a: b: c".utf8),
            [],
        ]
        for _ in 0..<500 {
            var raw: [UInt8] = []
            let end: [UInt8] = Bool.random(using: &generator) ? [0x0D, 0x0A] : [0x0A]
            for _ in 0..<Int.random(in: 0...12, using: &generator) {
                switch Int.random(in: 0..<10, using: &generator) {
                case 0: raw += Array(" folded continuation".utf8) + end
                case 1: raw += Array("no colon here".utf8) + end
                default:
                    let name = names.randomElement(using: &generator)!
                    let spaces = Bool.random(using: &generator) ? " " : ""
                    raw += Array((name + spaces + ": ").utf8) + pieces.randomElement(using: &generator)! + end
                }
            }
            if Bool.random(using: &generator) {
                raw += end
                for _ in 0..<Int.random(in: 0...6, using: &generator) {
                    raw += pieces.randomElement(using: &generator)! + Array("Received: body".utf8) + end
                }
            }
            if Bool.random(using: &generator), !raw.isEmpty { raw.removeLast() }
            #expect(ContentFingerprint.compute(raw) == Self.reference(raw), "\(raw)")
        }
    }

    /// A message larger than the hashing buffer hashes the same as its definition.
    @Test func aLargeMessage() {
        var raw = Array("From: big@example.com\r\nReceived: x\r\n\r\n".utf8)
        for index in 0..<40_000 { raw += Array("line \(index) of a long attachment\r\n".utf8) }
        #expect(ContentFingerprint.compute(raw) == Self.reference(raw))
    }
}
