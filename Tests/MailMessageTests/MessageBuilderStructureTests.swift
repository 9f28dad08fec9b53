import Foundation
import Testing

@testable import MailMessage

/// Properties every rendered message has, over a few hundred seeded random messages.
@Suite struct MessageBuilderStructureTests {
    static let seeds: [UInt64] = Array(1...200)

    static func rendered(_ seed: UInt64) throws -> (OutgoingMessage, [UInt8]) {
        var random = RandomMessages(seed: seed)
        let message = random.message()
        return (message, try message.render(using: &random.generator))
    }

    @Test(arguments: seeds)
    func linesAreCRLFAndShort(seed: UInt64) throws {
        let (_, bytes) = try Self.rendered(seed)
        #expect(bytes.suffix(2).elementsEqual([0x0D, 0x0A]))
        let lines = TestEntity.lines(bytes)
        #expect(lines.allSatisfy { !$0.contains(0x0D) && !$0.contains(0x0A) }, "bare CR or LF")
        #expect(lines.allSatisfy { $0.count <= 998 }, "line over 998 octets")
        // Header lines stay within 78 (only bounded tokens here: short addresses, ids, encoded words).
        for line in lines.prefix(while: { !$0.isEmpty }) {
            #expect(line.count <= 78, "\(String(decoding: line, as: UTF8.self))")
        }
    }

    @Test(arguments: seeds)
    func encodedLinesStayWithin76(seed: UInt64) throws {
        let (_, bytes) = try Self.rendered(seed)
        for leaf in TestEntity(bytes).leaves {
            let encoding = leaf.field("Content-Transfer-Encoding")?.lowercased() ?? "7bit"
            if encoding == "quoted-printable" || encoding == "base64" {
                #expect(TestEntity.lines(leaf.body).allSatisfy { $0.count <= 76 }, "\(encoding) line over 76")
            }
            if encoding == "7bit" { #expect(leaf.body.allSatisfy { $0 < 0x80 && $0 != 0 }) }
            if leaf.mimeType == "message/rfc822" { #expect(encoding == "7bit" || encoding == "8bit") }
        }
    }

    @Test(arguments: seeds)
    func boundariesAreUniqueAndOnlyDelimit(seed: UInt64) throws {
        let (_, bytes) = try Self.rendered(seed)
        var boundaries: [String] = []
        func collect(_ entity: TestEntity) {
            if let boundary = entity.parameter("boundary", of: "Content-Type") { boundaries.append(boundary) }
            entity.parts.forEach(collect)
        }
        collect(TestEntity(bytes))
        #expect(Set(boundaries).count == boundaries.count)
        let lines = TestEntity.lines(bytes).map { String(decoding: $0, as: UTF8.self) }
        for boundary in boundaries {
            // Appears only in its own parameter and on delimiter lines.
            for line in lines where line.contains(boundary) {
                #expect(
                    line == "--\(boundary)" || line == "--\(boundary)--" || line.contains("boundary=\"\(boundary)\""))
            }
        }
    }

    @Test(arguments: seeds)
    func contentDecodesBack(seed: UInt64) throws {
        let (message, bytes) = try Self.rendered(seed)
        let entity = TestEntity(bytes)
        #expect(EncodedWord.decode(entity.field("Subject") ?? "") == message.subject.trimmed([" ", "\t"]))
        let leaves = entity.leaves
        let expectedText = MessageBuilder.normalizedLines(Array(message.textBody.utf8), finalBreak: true)
        #expect(leaves.first?.decodedBody == expectedText)
        let files = leaves.filter { $0.field("Content-Disposition") != nil && $0.mimeType != "message/rfc822" }
        let attachments = files.filter { $0.filename != "original.eml" || $0.mimeType != "application/octet-stream" }
        #expect(attachments.count == message.attachments.count)
        for attachment in message.attachments {
            let matching = attachments.filter {
                $0.decodedBody == attachment.bytes && $0.mimeType == attachment.contentType
            }
            #expect(!matching.isEmpty, "attachment bytes or type lost")
            if let name = attachment.filename {
                #expect(matching.contains { $0.filename == name }, "file name lost: \(name.debugDescription)")
            }
        }
        let forwarded = leaves.filter { $0.mimeType == "message/rfc822" || $0.filename == "original.eml" }
        #expect(forwarded.count == message.attachedMessages.count)
    }

    @Test func boundaryThatOccursInTheContentIsReplaced() throws {
        // Find the boundary the seeded generator makes first, put it in the body, and expect another one.
        var probe = SeededGenerator(seed: 99)
        let first = try PartTree.uniqueBoundary(notIn: [], using: &probe)
        let message = OutgoingMessage(
            from: Address(address: "a@example.com"), date: Date(timeIntervalSince1970: 0), messageID: "b@example.com",
            textBody: "--\(first)\n--\(first)--\n", htmlBody: "<p>x</p>")
        var generator = SeededGenerator(seed: 99)
        let entity = TestEntity(try message.render(using: &generator))
        let boundary = try #require(entity.parameter("boundary", of: "Content-Type"))
        #expect(boundary != first)
        #expect(entity.parts.count == 2)
        #expect(entity.parts[0].decodedBody == Array("--\(first)\r\n--\(first)--\r\n".utf8))
    }

    @Test func brokenGeneratorIsReported() {
        struct Constant: RandomNumberGenerator {
            mutating func next() -> UInt64 { .max }  // always picks the last letter, "9"
        }
        var generator = Constant()
        let boundary = "=_" + String(repeating: "9", count: 28)
        #expect(throws: BuildError.noUniqueBoundary("boundary")) {
            try PartTree.uniqueBoundary(notIn: [Array(boundary.utf8)], using: &generator)
        }
    }

    @Test func longLineInAttachedMessageFallsBackToOctetStream() throws {
        let raw = Array(("Subject: x\r\n\r\n" + String(repeating: "z", count: 1000) + "\r\n").utf8)
        let message = OutgoingMessage(
            from: Address(address: "a@example.com"), date: Date(timeIntervalSince1970: 0), messageID: "c@example.com",
            textBody: "fwd", attachedMessages: [raw])
        var generator = SeededGenerator(seed: 1)
        let parts = TestEntity(try message.render(using: &generator)).parts
        #expect(parts.count == 2)
        #expect(parts[1].mimeType == "application/octet-stream")
        #expect(parts[1].filename == "original.eml")
        #expect(parts[1].field("Content-Transfer-Encoding") == "base64")
        #expect(parts[1].decodedBody == raw)
    }

    @Test func inlineImagesGoWithTheHTMLIntoRelated() throws {
        let image = Attachment(
            filename: "logo.png", contentType: "image/png", contentID: "logo@x", disposition: "inline",
            bytes: [137, 80, 78, 71])
        let report = Attachment(
            filename: "r.pdf", contentType: "application/pdf", contentID: nil, disposition: nil, bytes: [37, 80])
        let message = OutgoingMessage(
            from: Address(address: "a@example.com"), date: Date(timeIntervalSince1970: 0), messageID: "d@example.com",
            textBody: "see logo", htmlBody: "<img src=\"cid:logo@x\">", attachments: [image, report])
        var generator = SeededGenerator(seed: 5)
        let root = TestEntity(try message.render(using: &generator))
        #expect(root.mimeType == "multipart/mixed")
        #expect(root.parts.map(\.mimeType) == ["multipart/alternative", "application/pdf"])
        let alternative = root.parts[0].parts
        #expect(alternative.map(\.mimeType) == ["text/plain", "multipart/related"])
        #expect(alternative[1].parameter("type", of: "Content-Type") == "text/html")
        #expect(alternative[1].parts.map(\.mimeType) == ["text/html", "image/png"])
        #expect(alternative[1].parts[1].field("Content-ID") == "<logo@x>")
        #expect(alternative[1].parts[1].field("Content-Disposition") == "inline; filename=\"logo.png\"")
    }
}
