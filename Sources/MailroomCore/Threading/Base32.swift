/// Crockford's base32 alphabet (no I, L, O, U): short, case-insensitive, safe in URLs, local parts and
/// Message-IDs.
enum Base32 {
    /// The 32 symbols, in value order.
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    /// The first `count` symbols of the base32 encoding of `bytes` (5 bits per symbol, most significant
    /// first). `count` must not exceed `bytes.count * 8 / 5`.
    static func encode(_ bytes: some Sequence<UInt8>, count: Int) -> String {
        var symbols: [UInt8] = []
        symbols.reserveCapacity(count)
        var buffer: UInt32 = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | UInt32(byte)
            bits += 8
            while bits >= 5, symbols.count < count {
                bits -= 5
                symbols.append(alphabet[Int((buffer >> UInt32(bits)) & 0x1F)])
            }
            buffer &= (1 << UInt32(bits)) - 1
            if symbols.count == count { break }
        }
        return String(decoding: symbols, as: UTF8.self)
    }
}
