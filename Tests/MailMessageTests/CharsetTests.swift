import Testing

@testable import MailMessage

@Suite struct CharsetTests {
    @Test(arguments: [
        ("utf-8", [0xC3, 0xA9] as [UInt8], "é"),
        ("ISO-8859-1", [0xE9], "é"),
        ("latin1", [0x80], "€"),
        ("windows-1250", [0x8A], "Š"),
        ("iso-8859-2", [0xA9], "Š"),
        ("iso-8859-15", [0xA4], "€"),
        ("koi8-r", [0xE1], "А"),
        ("koi8-u", [0xA4], "є"),
        ("windows-1251", [0xC0], "А"),
        ("shift_jis", [0x82, 0xA0], "あ"),
        ("euc-jp", [0xA4, 0xA2], "あ"),
        ("iso-2022-jp", [0x1B, 0x24, 0x42, 0x24, 0x22, 0x1B, 0x28, 0x42], "あ"),
        ("gb2312", [0xC4, 0xE3], "你"),
        ("gbk", [0xC4, 0xE3], "你"),
        ("gb18030", [0x81, 0x30, 0x81, 0x30], "\u{80}"),
        ("big5", [0xA7, 0x41], "你"),
        ("ks_c_5601-1987", [0xB0, 0xA1], "가"),
        ("euc-kr", [0xB0, 0xA1], "가"),
        ("utf-16", [0xFF, 0xFE, 0x41, 0x00], "A"),
        ("utf-16be", [0x00, 0x41], "A"),
        ("windows-1258", [0xC3], "Ă"),
        ("us-ascii", [0x41], "A"),
    ])
    func decodesKnownCharsets(label: String, bytes: [UInt8], expected: String) {
        let decoded = Charset.decode(bytes, label: label)
        #expect(decoded.text == expected)
        #expect(decoded.defect == nil)
    }

    @Test func unknownCharsetFallsBackWithDefect() {
        let decoded = Charset.decode(Array("caf\u{E9}".utf8), label: "x-bogus-charset")
        #expect(decoded.text == "café")
        #expect(decoded.defect?.code == .unknownCharset)
    }

    @Test func lyingUTF8FallsBackToWindows1252() {
        let decoded = Charset.decode([0x63, 0x61, 0x66, 0xE9], label: "utf-8")
        #expect(decoded.text == "café")
        #expect(decoded.defect?.code == .charsetMismatch)
    }

    @Test func asciiLabelWithUTF8BytesIsReadAsUTF8() {
        let decoded = Charset.decode([0xC3, 0xA9], label: "us-ascii")
        #expect(decoded.text == "é")
    }

    @Test func invalidBytesInMultiByteCharsetBecomeReplacementCharacters() {
        let decoded = Charset.decode([0x82, 0xA0, 0xFF, 0x41], label: "shift_jis")
        #expect(decoded.text.hasPrefix("あ"))
        #expect(decoded.text.hasSuffix("A"))
        #expect(decoded.defect?.code == .charsetMismatch)
    }
}
