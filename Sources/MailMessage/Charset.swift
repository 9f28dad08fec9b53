#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Decodes text in any charset a mail client is likely to declare, through the C library's iconv.
///
/// UTF-8, US-ASCII, ISO-8859-1 and Windows-1252 are decoded in Swift; everything else goes through iconv.
/// Labels are matched case-insensitively with their common aliases. An unknown label, or bytes that are
/// invalid for the declared charset ("lying" charsets), fall back to UTF-8 when the bytes are valid UTF-8
/// and to Windows-1252 otherwise, and the result carries a defect.
public enum Charset {
    /// Text decoded from bytes, with the defect found on the way, if any.
    public struct Decoded: Hashable, Sendable {
        /// The decoded text.
        public var text: String
        /// Why a fallback was used (`unknown-charset` or `charset-mismatch`), or nil.
        public var defect: Defect?
    }

    /// Decodes `bytes` declared as `label` (nil means US-ASCII, the RFC 2045 default).
    public static func decode<C: Collection<UInt8>>(_ bytes: C, label: String?) -> Decoded {
        let name = canonicalName(label ?? "us-ascii")
        switch name {
        case .ascii, .utf8:
            if let text = validUTF8(bytes) { return Decoded(text: text, defect: nil) }
            let what = name == .ascii ? "8-bit data declared \(label ?? "us-ascii")" : "invalid UTF-8"
            return Decoded(text: windows1252(bytes), defect: Defect(.charsetMismatch, what))
        case .windows1252:
            return Decoded(text: windows1252(bytes), defect: nil)
        case .iconv(let iconvName):
            if let text = Iconv.decode(Array(bytes), from: iconvName) {
                return Decoded(text: text.text, defect: text.invalidBytes > 0 ? Defect(.charsetMismatch, label) : nil)
            }
            return Decoded(text: fallback(bytes), defect: Defect(.unknownCharset, label.map(shortLabel)))
        case .unknown:
            return Decoded(text: fallback(bytes), defect: Defect(.unknownCharset, label.map(shortLabel)))
        }
    }

    /// Whether `label` names a charset this decoder knows.
    public static func isKnown(_ label: String) -> Bool {
        switch canonicalName(label) {
        case .ascii, .utf8, .windows1252: return true
        case .iconv(let name): return Iconv.isAvailable(name)
        case .unknown: return false
        }
    }

    /// Header bytes: UTF-8 when valid (RFC 6532), otherwise Windows-1252.
    static func decodeHeaderBytes<C: Collection<UInt8>>(_ bytes: C) -> String {
        validUTF8(bytes) ?? windows1252(bytes)
    }

    /// UTF-8 when valid, Windows-1252 otherwise: the fallback for unknown or lying charsets.
    static func fallback<C: Collection<UInt8>>(_ bytes: C) -> String {
        validUTF8(bytes) ?? windows1252(bytes)
    }

    static func validUTF8<C: Collection<UInt8>>(_ bytes: C) -> String? {
        var allASCII = true
        for byte in bytes where byte >= 0x80 {
            allASCII = false
            break
        }
        if allASCII { return String(decoding: bytes, as: UTF8.self) }
        return String(validating: bytes, as: UTF8.self)
    }

    /// Windows-1252, a superset of ISO-8859-1 for everything but the C1 controls, which mail never means.
    static func windows1252<C: Collection<UInt8>>(_ bytes: C) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + bytes.count / 4)
        for byte in bytes {
            if byte < 0x80 {
                out.append(byte)
                continue
            }
            let scalar: UInt32 = byte < 0xA0 ? c1Table[Int(byte) - 0x80] : UInt32(byte)
            appendUTF8(scalar, to: &out)
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func appendUTF8(_ scalar: UInt32, to out: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            out.append(UInt8(scalar))
        case 0x80..<0x800:
            out.append(UInt8(0xC0 | (scalar >> 6)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        case 0x800..<0x10000:
            out.append(UInt8(0xE0 | (scalar >> 12)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        default:
            out.append(UInt8(0xF0 | (scalar >> 18)))
            out.append(UInt8(0x80 | ((scalar >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((scalar >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (scalar & 0x3F)))
        }
    }

    private static let c1Table: [UInt32] = [
        0x20AC, 0x0081, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021,
        0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x008D, 0x017D, 0x008F,
        0x0090, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014,
        0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x009D, 0x017E, 0x0178,
    ]

    private static func shortLabel(_ label: String) -> String {
        String(label.prefix(40))
    }
}
