/// RFC 2047 encoded words (`=?charset?B|Q?text?=`) in header text.
///
/// Any charset the ``Charset`` decoder knows; white space between adjacent encoded words is dropped;
/// adjacent words in the same charset are joined before charset decoding (so a multi-byte character
/// split across two words survives); malformed words are left as they are.
public enum EncodedWord {
    /// Decodes every encoded word in `text`.
    public static func decode(_ text: String) -> String {
        guard TextSearch.contains("=?", in: text) else { return text }
        let bytes = Array(text.utf8)
        var decoder = Decoder()
        var index = 0
        var literalStart = 0
        while index < bytes.count {
            if bytes[index] == UInt8(ascii: "="), index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "?"),
                let word = parseWord(bytes, at: index)
            {
                decoder.literal(bytes[literalStart..<index])
                decoder.word(charset: word.charset, bytes: word.bytes)
                index = word.end
                literalStart = index
                continue
            }
            index += 1
        }
        decoder.literal(bytes[literalStart..<bytes.count])
        return decoder.finish()
    }

    struct Word {
        var charset: String
        var bytes: [UInt8]
        var end: Int
    }

    /// Parses `=?charset?X?text?=` starting at `start`, or nil when it is not a well-formed encoded word.
    static func parseWord(_ bytes: [UInt8], at start: Int) -> Word? {
        var index = start + 2
        let charsetStart = index
        while index < bytes.count, bytes[index] != UInt8(ascii: "?") {
            if bytes[index] <= 0x20 || bytes[index] >= 0x7F || index - charsetStart > 64 { return nil }
            index += 1
        }
        guard index + 3 < bytes.count, index > charsetStart else { return nil }
        let charset = String(decoding: bytes[charsetStart..<index], as: UTF8.self)
        let encoding = bytes[index + 1] | 0x20
        guard encoding == UInt8(ascii: "b") || encoding == UInt8(ascii: "q"), bytes[index + 2] == UInt8(ascii: "?")
        else { return nil }
        let textStart = index + 3
        index = textStart
        while index + 1 < bytes.count {
            if bytes[index] == UInt8(ascii: "?"), bytes[index + 1] == UInt8(ascii: "=") { break }
            // Words have no white space and are short (75 octets by the RFC; 4 KiB tolerated), which also
            // keeps a header full of "=?" linear to scan.
            if bytes[index] == 0x20 || bytes[index] == 0x09 || index - textStart > 4096 { return nil }
            index += 1
        }
        guard index + 1 < bytes.count else { return nil }
        let text = bytes[textStart..<index]
        let decoded =
            encoding == UInt8(ascii: "b")
            ? TransferEncoding.base64(text).bytes
            : TransferEncoding.quotedPrintable(text, underscoreIsSpace: true).bytes
        return Word(charset: charset, bytes: decoded, end: index + 2)
    }

    /// Accumulates literal text and decoded words, applying the white-space and joining rules.
    private struct Decoder {
        var output = ""
        var pendingCharset: String?
        var pendingBytes: [UInt8] = []
        var pendingSpace: ArraySlice<UInt8> = []

        mutating func literal(_ bytes: ArraySlice<UInt8>) {
            guard !bytes.isEmpty else { return }
            if pendingCharset != nil, bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }) {
                pendingSpace = bytes  // dropped if another encoded word follows
                return
            }
            flush()
            output += String(decoding: bytes, as: UTF8.self)
        }

        mutating func word(charset: String, bytes: [UInt8]) {
            if let current = pendingCharset, current.lowercased() == charset.lowercased() {
                pendingBytes += bytes
            } else {
                flushWord()
                pendingCharset = charset
                pendingBytes = bytes
            }
            pendingSpace = []
        }

        mutating func flushWord() {
            guard let charset = pendingCharset else { return }
            output += Charset.decode(pendingBytes, label: charset).text
            pendingCharset = nil
            pendingBytes = []
        }

        mutating func flush() {
            flushWord()
            if !pendingSpace.isEmpty {
                output += String(decoding: pendingSpace, as: UTF8.self)
                pendingSpace = []
            }
        }

        mutating func finish() -> String {
            flush()
            return output
        }
    }
}
