/// A lexical token of an address header.
enum AddressToken {
    /// A run of characters that are not specials or white space; `spaceBefore` records separation.
    case atom(String, spaceBefore: Bool)
    /// A quoted string, escapes removed.
    case quoted(String, spaceBefore: Bool)
    /// A comment's text.
    case comment(String)
    /// The contents of `<...>`.
    case angle(String)
    /// One of `, ; : @`.
    case special(UInt8)

    var isWord: Bool {
        switch self {
        case .atom, .quoted: return true
        default: return false
        }
    }

    var isAngle: Bool {
        if case .angle = self { return true }
        return false
    }
}

/// Splits an address header value into ``AddressToken``s.
struct AddressTokenizer {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    func tokens() -> [AddressToken] {
        var tokens: [AddressToken] = []
        var index = 0
        var spaceBefore = false
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case 0x20, 0x09, 0x0D, 0x0A:
                spaceBefore = true
                index += 1
                continue
            case UInt8(ascii: "\""):
                let (text, next) = readDelimited(from: index + 1, close: UInt8(ascii: "\""))
                tokens.append(.quoted(text, spaceBefore: spaceBefore))
                index = next
            case UInt8(ascii: "("):
                let (text, next) = readComment(from: index + 1)
                tokens.append(.comment(text))
                index = next
            case UInt8(ascii: "<"):
                let (text, next) = readDelimited(from: index + 1, close: UInt8(ascii: ">"))
                tokens.append(.angle(text))
                index = next
            case UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "@"):
                tokens.append(.special(byte))
                index += 1
            case UInt8(ascii: ">"):
                index += 1  // stray closing bracket
            default:
                let start = index
                while index < bytes.count, !Self.isDelimiter(bytes[index]) { index += 1 }
                tokens.append(.atom(String(decoding: bytes[start..<index], as: UTF8.self), spaceBefore: spaceBefore))
            }
            spaceBefore = false
        }
        return tokens
    }

    private static func isDelimiter(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x20, 0x09, 0x0D, 0x0A, UInt8(ascii: "\""), UInt8(ascii: "("), UInt8(ascii: "<"), UInt8(ascii: ">"),
            UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "@"):
            return true
        default:
            return false
        }
    }

    /// Reads up to an unescaped `close`; returns the text (escapes removed) and the index after `close`.
    private func readDelimited(from start: Int, close: UInt8) -> (String, Int) {
        var out: [UInt8] = []
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "\\"), close == UInt8(ascii: "\""), index < bytes.count {
                out.append(bytes[index])
                index += 1
            } else if byte == close {
                break
            } else {
                out.append(byte)
            }
        }
        return (String(decoding: out, as: UTF8.self), index)
    }

    private func readComment(from start: Int) -> (String, Int) {
        var out: [UInt8] = []
        var depth = 1
        var index = start
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if byte == UInt8(ascii: "\\"), index < bytes.count {
                out.append(bytes[index])
                index += 1
                continue
            }
            if byte == UInt8(ascii: "(") { depth += 1 }
            if byte == UInt8(ascii: ")") {
                depth -= 1
                if depth == 0 { break }
            }
            out.append(byte)
        }
        return (String(decoding: out, as: UTF8.self), index)
    }
}
