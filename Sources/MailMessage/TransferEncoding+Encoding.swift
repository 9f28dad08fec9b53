extension TransferEncoding {
    /// A Content-Transfer-Encoding the builder writes.
    public enum Choice: String, Hashable, Sendable {
        /// ASCII without NUL, line breaks only as CR LF, no line over 998 octets: sent as is.
        case sevenBit = "7bit"
        /// Like 7bit but with bytes over 127 (only used for `message/rfc822`, which may not be encoded).
        case eightBit = "8bit"
        /// Quoted-printable: for content that is mostly ASCII.
        case quotedPrintable = "quoted-printable"
        /// Base64: for content that is mostly non-ASCII or binary.
        case base64
    }

    /// The longest line SMTP allows, without its CR LF (RFC 5322 2.1.1).
    static let maxLineLength = 998

    /// Picks the encoding for `bytes`: 7bit when they can go as they are, otherwise quoted-printable or
    /// base64, whichever is shorter (QP costs 3 octets per escaped byte, base64 4 per 3 bytes).
    public static func choose(for bytes: [UInt8]) -> Choice {
        if canSendUnencoded(bytes, allowEightBit: false) { return .sevenBit }
        var escaped = 0
        for byte in bytes where !isQuotedPrintableLiteral(byte) && byte != 0x0D && byte != 0x0A {
            escaped += 1
        }
        // QP: n + 2 per escape; base64: 4n/3. Soft breaks and line ends cost about the same in both.
        return escaped * 2 * 3 <= bytes.count ? .quotedPrintable : .base64
    }

    /// Whether `bytes` can be sent without encoding: no NUL, CR and LF only as CR LF pairs, no line over
    /// 998 octets, and (unless `allowEightBit`) nothing over 127.
    static func canSendUnencoded(_ bytes: [UInt8], allowEightBit: Bool) -> Bool {
        var lineLength = 0
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x00: return false
            case 0x0D:
                guard index + 1 < bytes.count, bytes[index + 1] == 0x0A else { return false }
                lineLength = 0
                index += 2
                continue
            case 0x0A: return false
            case 0x80...: if !allowEightBit { return false }
            default: break
            }
            lineLength += 1
            if lineLength > maxLineLength { return false }
            index += 1
        }
        return true
    }

    /// Base64 in lines of at most `lineLength` characters separated by CR LF, without a final line break.
    public static func encodeBase64(_ bytes: [UInt8], lineLength: Int = 76) -> [UInt8] {
        let flat = base64Encoded(bytes)
        let width = max(4, lineLength / 4 * 4)
        var out: [UInt8] = []
        out.reserveCapacity(flat.count + flat.count / width * 2 + 2)
        var start = 0
        while start < flat.count {
            if start > 0 { out += [0x0D, 0x0A] }
            let end = min(start + width, flat.count)
            out += flat[start..<end]
            start = end
        }
        return out
    }

    /// Base64 on one line (for encoded words).
    static func base64Encoded<C: Collection<UInt8>>(_ bytes: C) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var iterator = bytes.makeIterator()
        while let first = iterator.next() {
            let second = iterator.next()
            let third = iterator.next()
            let group = UInt32(first) << 16 | UInt32(second ?? 0) << 8 | UInt32(third ?? 0)
            out.append(base64Alphabet[Int(group >> 18 & 0x3F)])
            out.append(base64Alphabet[Int(group >> 12 & 0x3F)])
            out.append(second == nil ? UInt8(ascii: "=") : base64Alphabet[Int(group >> 6 & 0x3F)])
            out.append(third == nil ? UInt8(ascii: "=") : base64Alphabet[Int(group & 0x3F)])
        }
        return out
    }

    private static let base64Alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Whether a byte may stand for itself in quoted-printable (printable ASCII but `=`, plus blanks).
    static func isQuotedPrintableLiteral(_ byte: UInt8) -> Bool {
        (byte >= 0x21 && byte <= 0x7E && byte != UInt8(ascii: "=")) || byte == 0x20 || byte == 0x09
    }

    /// Quoted-printable (RFC 2045 6.7) with lines of at most 76 characters. CR LF pairs become hard line
    /// breaks; bare CR and LF are escaped, so binary content survives exactly. Blanks before a line end,
    /// `From ` and `.` at the start of a line are escaped too (they do not survive every mail system).
    public static func encodeQuotedPrintable(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 8)
        var lineStart = 0
        var index = 0
        while index <= bytes.count {
            let atBreak = index + 1 < bytes.count && bytes[index] == 0x0D && bytes[index + 1] == 0x0A
            if index == bytes.count || atBreak {
                appendQuotedPrintableLine(bytes[lineStart..<index], to: &out)
                if atBreak {
                    out.append(0x0D)
                    out.append(0x0A)
                }
                index += 2
                lineStart = index
                continue
            }
            index += 1
        }
        return out
    }

    /// Encodes one line (no CR LF pair inside), adding soft breaks to keep every line within 76. Read through a
    /// buffer pointer with a table of the literal bytes (indexing the slice checked every access).
    private static func appendQuotedPrintableLine(_ line: ArraySlice<UInt8>, to out: inout [UInt8]) {
        guard !line.isEmpty else { return }
        out.reserveCapacity(out.count + line.count + line.count / 4 + 8)
        let escapeFirst = line.starts(with: "From ".utf8) || line.first == UInt8(ascii: ".")
        line.withUnsafeBufferPointer { bytes in
            let last = bytes.count - 1
            var column = 0
            for index in 0...last {
                let byte = bytes[index]
                let isLast = index == last
                let literal =
                    quotedPrintableLiterals[Int(byte)] && !(isLast && (byte == 0x20 || byte == 0x09))
                    && !(escapeFirst && index == 0)
                let width = literal ? 1 : 3
                // Keep room for the soft break "=", unless this is the last character of the line.
                if column + width > (isLast ? 76 : 75) {
                    out.append(UInt8(ascii: "="))
                    out.append(0x0D)
                    out.append(0x0A)
                    column = 0
                }
                if literal {
                    out.append(byte)
                } else {
                    out.append(UInt8(ascii: "="))
                    out.append(hexDigits[Int(byte >> 4)])
                    out.append(hexDigits[Int(byte & 0x0F)])
                }
                column += width
            }
        }
    }

    /// ``isQuotedPrintableLiteral(_:)`` of every byte.
    private static let quotedPrintableLiterals: [Bool] = (0...255).map { isQuotedPrintableLiteral(UInt8($0)) }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)
}
