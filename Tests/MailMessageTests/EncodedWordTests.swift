import Testing

@testable import MailMessage

@Suite struct EncodedWordTests {
    @Test(arguments: [
        ("=?UTF-8?B?w6lsw6h2ZQ==?=", "élève"),
        ("=?utf-8?q?caf=C3=A9_cr=C3=A8me?=", "café crème"),
        ("=?ISO-8859-1?Q?Andr=E9?= Pirard", "André Pirard"),
        ("=?iso-8859-2?Q?=A9koda?=", "Škoda"),
        ("=?windows-1251?B?z/Do4uXy?=", "Привет"),
        ("=?KOI8-R?B?8NLJ18XU?=", "Привет"),
        ("=?ISO-2022-JP?B?GyRCJCIkJCQmGyhC?=", "あいう"),
        ("=?Shift_JIS?B?gqCCog==?=", "あい"),
        ("=?GB2312?B?xOO6ww==?=", "你好"),
        ("=?big5?B?p0Gmbg==?=", "你好"),
        ("=?ks_c_5601-1987?B?sKGzqg==?=", "가나"),
        ("=?US-ASCII*EN?Q?Keith_Moore?=", "Keith Moore"),
        // Adjacent words: the white space between them is dropped, even across a fold.
        ("=?UTF-8?Q?a?= =?UTF-8?Q?b?=", "ab"),
        ("=?UTF-8?Q?a?=\r\n =?UTF-8?Q?b?=", "ab"),
        ("=?UTF-8?Q?a?= plain =?UTF-8?Q?b?=", "a plain b"),
        // A multi-byte character split across two B words survives (bytes are joined before decoding).
        ("=?UTF-8?B?w6k=?= =?UTF-8?B?4oKs?=", "é€"),
        ("=?UTF-8?B?4oI=?= =?UTF-8?B?rA==?=", "€"),
        // Malformed words are left as they are.
        ("=?UTF-8?X?abc?=", "=?UTF-8?X?abc?="),
        ("=?UTF-8?Q?unterminated", "=?UTF-8?Q?unterminated"),
        ("=?UTF-8?Q?has space?=", "=?UTF-8?Q?has space?="),
        ("no words here", "no words here"),
        // Unknown charsets fall back to UTF-8 / Windows-1252 instead of failing.
        ("=?x-unknown-thing?Q?caf=E9?=", "café"),
    ])
    func decodes(encoded: String, expected: String) {
        #expect(EncodedWord.decode(encoded) == expected)
    }

    /// Every RFC 2047 section 8 example decodes as the RFC says.
    @Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage)) func rfc2047Vectors() throws {
        let rows = try SharedData.csv("rfc2047_rfc2231_vectors.csv").dropFirst().filter { $0.first == "RFC 2047" }
        #expect(rows.count == 14)
        for row in rows {
            let (encoded, expected) = (row[2], row[3])
            var value = encoded
            // Header-field rows: decode the field value; display names and comments are decoded alike.
            if let colon = encoded.firstIndex(of: ":"), !encoded.hasPrefix("(") {
                let name = String(encoded[..<colon])
                value = String(encoded[encoded.index(after: colon)...])
                let decoded = collapse(EncodedWord.decode(HeaderField(name: name, rawValue: Array(value.utf8)).value))
                #expect(decoded == collapse(expected), "\(encoded)")
            } else {
                #expect(EncodedWord.decode(value) == expected, "\(encoded)")
            }
        }
    }

    /// Unfolding keeps white space; the RFC prints the folded example with one space.
    private func collapse(_ text: String) -> String {
        text.split(whereSeparator: { $0 == " " || $0 == "\t" }).joined(separator: " ")
    }
}
