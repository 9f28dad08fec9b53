extension EncodedWord {
    /// The two RFC 2047 encodings.
    enum Encoding: Hashable, Sendable {
        /// `B`: base64.
        case base64
        /// `Q`: quoted-printable with `_` for space.
        case quoted
    }

    /// The longest encoded word RFC 2047 allows.
    static let maxWordLength = 75
    /// `=?UTF-8?B?` and `?=`.
    private static let overhead = 12

    /// Encodes `text` as UTF-8 encoded words of at most 75 characters each, separated by one space.
    ///
    /// B or Q, whichever is shorter; words break only between Unicode scalars, so no UTF-8 sequence is
    /// split. Q uses the restricted set of RFC 2047 5(3), so the result is safe in any header, including
    /// display names and quoted parameter values. Decoding the result gives back `text` exactly.
    public static func encode(_ text: String) -> String {
        words(text, maxLength: maxWordLength).joined(separator: " ")
    }

    /// `text` as encoded words of at most `maxLength` (at least 24) characters.
    static func words(_ text: String, maxLength: Int) -> [String] {
        let scalars = Array(text.unicodeScalars)
        let encoding = preferredEncoding(scalars)
        var result: [String] = []
        var start = 0
        while start < scalars.count {
            guard let (word, end) = word(scalars, from: start, encoding: encoding, maxLength: max(maxLength, 24))
            else { break }
            result.append(word)
            start = end
        }
        return result
    }

    /// B or Q for the whole text, whichever gives the shorter output.
    static func preferredEncoding<C: Collection<Unicode.Scalar>>(_ scalars: C) -> Encoding {
        var bytes = 0
        var quotedLength = 0
        for scalar in scalars {
            let length = UTF8.width(scalar)
            bytes += length
            quotedLength += length == 1 && isQuotedLiteral(UInt8(scalar.value)) ? 1 : 3 * length
        }
        return quotedLength <= (bytes + 2) / 3 * 4 ? .quoted : .base64
    }

    /// The longest encoded word of at most `maxLength` characters starting at `start`, and where it ends;
    /// nil when not even one scalar fits.
    static func word(_ scalars: [Unicode.Scalar], from start: Int, encoding: Encoding, maxLength: Int)
        -> (String, Int)?
    {
        let budget = maxLength - overhead
        var end = start
        var payload = 0
        var bytes = 0
        while end < scalars.count {
            let scalar = scalars[end]
            let width = UTF8.width(scalar)
            let next: Int
            switch encoding {
            case .base64: next = (bytes + width + 2) / 3 * 4
            case .quoted: next = payload + (width == 1 && isQuotedLiteral(UInt8(scalar.value)) ? 1 : 3 * width)
            }
            if next > budget { break }
            payload = next
            bytes += width
            end += 1
        }
        guard end > start else { return nil }
        var utf8: [UInt8] = []
        utf8.reserveCapacity(bytes)
        for scalar in scalars[start..<end] { utf8 += UTF8.encode(scalar)! }
        return (wordText(utf8, encoding: encoding), end)
    }

    private static func wordText(_ utf8: [UInt8], encoding: Encoding) -> String {
        switch encoding {
        case .base64:
            return "=?UTF-8?B?" + String(decoding: TransferEncoding.base64Encoded(utf8), as: UTF8.self) + "?="
        case .quoted:
            var out = Array("=?UTF-8?Q?".utf8)
            for byte in utf8 {
                if byte == 0x20 {
                    out.append(UInt8(ascii: "_"))
                } else if isQuotedLiteral(byte) {
                    out.append(byte)
                } else {
                    out += [UInt8(ascii: "="), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
                }
            }
            out += Array("?=".utf8)
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Characters Q may leave as they are everywhere (RFC 2047 5(3)), plus space (written `_`).
    private static func isQuotedLiteral(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        case UInt8(ascii: "!"), UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "/"), 0x20:
            return true
        default:
            return false
        }
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)
}
