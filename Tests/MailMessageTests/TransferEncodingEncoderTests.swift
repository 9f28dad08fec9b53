import Testing

@testable import MailMessage

/// The quoted-printable and base64 encoders, checked against the package's own lenient decoders.
@Suite struct TransferEncodingEncoderTests {
    @Test(arguments: Array(UInt64(1)...60))
    func quotedPrintableRoundTripsAnyBytes(seed: UInt64) {
        var random = RandomMessages(seed: seed)
        let bytes = random.chance(50) ? random.bytes(random.int(0...2000)) : Array(random.body().utf8)
        let encoded = TransferEncoding.encodeQuotedPrintable(bytes)
        #expect(TransferEncoding.quotedPrintable(encoded).bytes == bytes)
        #expect(TestEntity.lines(encoded).allSatisfy { $0.count <= 76 })
        #expect(encoded.allSatisfy { ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0D || $0 == 0x0A || $0 == 0x09 })
        for line in TestEntity.lines(encoded) {
            #expect(!line.contains(0x0D) && !line.contains(0x0A))
            #expect(line.last != 0x20 && line.last != 0x09, "white space at a line end")
        }
    }

    @Test(arguments: Array(UInt64(1)...30))
    func base64RoundTripsAnyBytes(seed: UInt64) {
        var random = RandomMessages(seed: seed)
        let bytes = random.bytes(random.int(0...3000))
        let encoded = TransferEncoding.encodeBase64(bytes)
        #expect(TransferEncoding.base64(encoded).bytes == bytes)
        #expect(TestEntity.lines(encoded).allSatisfy { $0.count <= 76 })
        #expect(TestEntity.lines(encoded).dropLast().allSatisfy { $0.count == 76 })
    }

    @Test(arguments: [
        ("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foob", "Zm9vYg=="), ("fooba", "Zm9vYmE="),
        ("foobar", "Zm9vYmFy"),
    ])
    func base64MatchesRFC4648Vectors(input: String, expected: String) {
        #expect(String(decoding: TransferEncoding.encodeBase64(Array(input.utf8)), as: UTF8.self) == expected)
    }

    @Test(arguments: [
        ("plain line", "plain line"),
        ("a=b", "a=3Db"),
        ("trailing space \r\nnext", "trailing space=20\r\nnext"),
        ("tab\t", "tab=09"),
        ("From here\r\n.dot", "=46rom here\r\n=2Edot"),
        ("bare\nlf", "bare=0Alf"),
        ("caf\u{E9}", "caf=C3=A9"),
    ])
    func quotedPrintableExamples(input: String, expected: String) {
        #expect(String(decoding: TransferEncoding.encodeQuotedPrintable(Array(input.utf8)), as: UTF8.self) == expected)
    }

    @Test func quotedPrintableSoftBreaksLongLinesAt76() {
        let encoded = String(
            decoding: TransferEncoding.encodeQuotedPrintable(Array(repeating: 0x61, count: 200)), as: UTF8.self)
        let lines = encoded.components(separatedBy: "\r\n")
        #expect(lines.map(\.count) == [76, 76, 50])
        #expect(lines.dropLast().allSatisfy { $0.hasSuffix("=") })
        // An escape is never split by a soft break.
        let escapes = String(
            decoding: TransferEncoding.encodeQuotedPrintable(Array(repeating: 0xFF, count: 60)), as: UTF8.self)
        for line in escapes.components(separatedBy: "\r\n") {
            #expect(line.count <= 76)
            #expect(line.replacingOccurrences(of: "=FF", with: "").allSatisfy { $0 == "=" })
        }
    }

    @Test(arguments: [
        ("Hello\r\nWorld\r\n", TransferEncoding.Choice.sevenBit),
        ("Hello\nWorld", .quotedPrintable),
        (String(repeating: "x", count: 999), .quotedPrintable),
        ("Merci, \u{E0} bient\u{F4}t, \u{E9}quipe du support technique", .quotedPrintable),
        ("\u{65E5}\u{672C}\u{8A9E}\u{306E}\u{30C6}\u{30AD}\u{30B9}\u{30C8}", .base64),
        ("\u{0}\u{1}\u{2}", .base64),
        ("one NUL\u{0} in a long line of otherwise plain text", .quotedPrintable),
    ])
    func choiceFollowsTheContent(text: String, expected: TransferEncoding.Choice) {
        #expect(TransferEncoding.choose(for: Array(text.utf8)) == expected)
    }

    @Test func binaryContentIsBase64() {
        var random = RandomMessages(seed: 3)
        #expect(TransferEncoding.choose(for: random.bytes(1000)) == .base64)
    }
}
