/// HTML character references: the named entities mail actually uses (all of Latin-1, typography, arrows,
/// a few symbols and Greek letters) and numeric references (`&#233;`, `&#xE9;`).
enum HTMLEntities {
    /// Decodes character references in `bytes` (UTF-8); unknown references are left as they are.
    static func decode(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        guard bytes.contains(UInt8(ascii: "&")) else { return Array(bytes) }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let byte = bytes[index]
            if byte == UInt8(ascii: "&"), let (scalar, next) = reference(bytes, at: index) {
                Charset.appendUTF8(scalar, to: &out)
                index = next
            } else {
                out.append(byte)
                index += 1
            }
        }
        return out
    }

    private static func reference(_ bytes: ArraySlice<UInt8>, at start: Int) -> (UInt32, Int)? {
        var index = start + 1
        let limit = min(bytes.endIndex, start + 34)
        if index < limit, bytes[index] == UInt8(ascii: "#") {
            index += 1
            let hex = index < limit && (bytes[index] | 0x20) == UInt8(ascii: "x")
            if hex { index += 1 }
            let digitsStart = index
            while index < limit, isDigit(bytes[index], hex: hex) { index += 1 }
            guard index > digitsStart,
                let value = UInt32(String(decoding: bytes[digitsStart..<index], as: UTF8.self), radix: hex ? 16 : 10)
            else { return nil }
            if index < bytes.endIndex, bytes[index] == UInt8(ascii: ";") { index += 1 }
            let valid = value > 0 && value <= 0x10FFFF && !(0xD800...0xDFFF).contains(value)
            return (valid ? (value == 0xA0 ? 0x20 : value) : 0xFFFD, index)
        }
        let nameStart = index
        while index < limit, isAlnum(bytes[index]) { index += 1 }
        guard index > nameStart else { return nil }
        let name = String(decoding: bytes[nameStart..<index], as: UTF8.self)
        let terminated = index < bytes.endIndex && bytes[index] == UInt8(ascii: ";")
        guard let value = table[name], terminated || lenient.contains(name) else { return nil }
        // A non-breaking space reads as a space in plain text.
        return (value == 0xA0 ? 0x20 : value, terminated ? index + 1 : index)
    }

    private static func isDigit(_ byte: UInt8, hex: Bool) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (hex && ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x66))
    }

    private static func isAlnum(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || ((byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A)
    }

    /// References browsers accept without the semicolon.
    private static let lenient: Set<String> = ["amp", "lt", "gt", "quot", "nbsp", "copy", "reg"]

    private static let table: [String: UInt32] = [
        "nbsp": 0xA0, "iexcl": 0xA1, "cent": 0xA2, "pound": 0xA3, "curren": 0xA4, "yen": 0xA5, "brvbar": 0xA6,
        "sect": 0xA7, "uml": 0xA8, "copy": 0xA9, "ordf": 0xAA, "laquo": 0xAB, "not": 0xAC, "shy": 0xAD, "reg": 0xAE,
        "macr": 0xAF, "deg": 0xB0, "plusmn": 0xB1, "sup2": 0xB2, "sup3": 0xB3, "acute": 0xB4, "micro": 0xB5,
        "para": 0xB6, "middot": 0xB7, "cedil": 0xB8, "sup1": 0xB9, "ordm": 0xBA, "raquo": 0xBB, "frac14": 0xBC,
        "frac12": 0xBD, "frac34": 0xBE, "iquest": 0xBF, "Agrave": 0xC0, "Aacute": 0xC1, "Acirc": 0xC2,
        "Atilde": 0xC3, "Auml": 0xC4, "Aring": 0xC5, "AElig": 0xC6, "Ccedil": 0xC7, "Egrave": 0xC8, "Eacute": 0xC9,
        "Ecirc": 0xCA, "Euml": 0xCB, "Igrave": 0xCC, "Iacute": 0xCD, "Icirc": 0xCE, "Iuml": 0xCF, "ETH": 0xD0,
        "Ntilde": 0xD1, "Ograve": 0xD2, "Oacute": 0xD3, "Ocirc": 0xD4, "Otilde": 0xD5, "Ouml": 0xD6, "times": 0xD7,
        "Oslash": 0xD8, "Ugrave": 0xD9, "Uacute": 0xDA, "Ucirc": 0xDB, "Uuml": 0xDC, "Yacute": 0xDD, "THORN": 0xDE,
        "szlig": 0xDF, "agrave": 0xE0, "aacute": 0xE1, "acirc": 0xE2, "atilde": 0xE3, "auml": 0xE4, "aring": 0xE5,
        "aelig": 0xE6, "ccedil": 0xE7, "egrave": 0xE8, "eacute": 0xE9, "ecirc": 0xEA, "euml": 0xEB, "igrave": 0xEC,
        "iacute": 0xED, "icirc": 0xEE, "iuml": 0xEF, "eth": 0xF0, "ntilde": 0xF1, "ograve": 0xF2, "oacute": 0xF3,
        "ocirc": 0xF4, "otilde": 0xF5, "ouml": 0xF6, "divide": 0xF7, "oslash": 0xF8, "ugrave": 0xF9, "uacute": 0xFA,
        "ucirc": 0xFB, "uuml": 0xFC, "yacute": 0xFD, "thorn": 0xFE, "yuml": 0xFF, "Dagger": 0x2021, "Delta": 0x394,
        "NewLine": 0xA, "OElig": 0x152, "Omega": 0x3A9, "Prime": 0x2033, "Scaron": 0x160, "Tab": 0x9, "Yuml": 0x178,
        "ZeroWidthSpace": 0x200B, "alpha": 0x3B1, "amp": 0x26, "apos": 0x27, "asymp": 0x2248, "bdquo": 0x201E,
        "beta": 0x3B2, "bull": 0x2022, "check": 0x2713, "circ": 0x2C6, "clubs": 0x2663, "dagger": 0x2020,
        "darr": 0x2193, "delta": 0x3B4, "diams": 0x2666, "emsp": 0x2003, "ensp": 0x2002, "euro": 0x20AC,
        "fnof": 0x192, "gamma": 0x3B3, "ge": 0x2265, "gt": 0x3E, "hArr": 0x21D4, "harr": 0x2194, "hearts": 0x2665,
        "hellip": 0x2026, "infin": 0x221E, "lArr": 0x21D0, "larr": 0x2190, "ldquo": 0x201C, "le": 0x2264,
        "loz": 0x25CA, "lrm": 0x200E, "lsaquo": 0x2039, "lsquo": 0x2018, "lt": 0x3C, "mdash": 0x2014,
        "minus": 0x2212, "mu": 0x3BC, "ndash": 0x2013, "ne": 0x2260, "oelig": 0x153, "oline": 0x203E, "omega": 0x3C9,
        "permil": 0x2030, "pi": 0x3C0, "prime": 0x2032, "quot": 0x22, "rArr": 0x21D2, "rarr": 0x2192,
        "rdquo": 0x201D, "rlm": 0x200F, "rsaquo": 0x203A, "rsquo": 0x2019, "sbquo": 0x201A, "scaron": 0x161,
        "sigma": 0x3C3, "spades": 0x2660, "thinsp": 0x2009, "tilde": 0x2DC, "trade": 0x2122, "uarr": 0x2191,
        "zwj": 0x200D, "zwnj": 0x200C,
    ]
}
