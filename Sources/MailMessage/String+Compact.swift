extension StringProtocol {
    /// The text without white space (`Character.isWhitespace`) and, when `angleBrackets` is set, without `<` and
    /// `>`: the bare form of an address or a message id. ASCII text (nearly every address and id) is scanned byte
    /// by byte instead of character by character, which skips the Unicode property lookups; the result is the same.
    package func removingWhitespace(angleBrackets: Bool = false) -> String {
        var kept: [UInt8] = []
        kept.reserveCapacity(utf8.count)
        for byte in utf8 {
            switch byte {
            case 0x80...:
                return String(filter { !$0.isWhitespace && !(angleBrackets && ($0 == "<" || $0 == ">")) })
            case 0x09...0x0D, 0x20:
                continue
            case UInt8(ascii: "<") where angleBrackets, UInt8(ascii: ">") where angleBrackets:
                continue
            default:
                kept.append(byte)
            }
        }
        return String(decoding: kept, as: UTF8.self)
    }
}
