/// One header field as it appeared in the message.
public struct HeaderField: Hashable, Sendable {
    /// The field name as written (case preserved).
    public let name: String
    /// The raw bytes after the colon, folding line breaks included, exactly as received.
    public let rawValue: [UInt8]
    /// The value unfolded (line breaks before white space removed), surrounding white space trimmed,
    /// read as UTF-8 (RFC 6532) or, when not valid UTF-8, as Windows-1252. Encoded words are not decoded.
    public let value: String

    /// Creates a field from its raw value bytes.
    public init(name: String, rawValue: [UInt8]) {
        self.name = name
        self.rawValue = rawValue
        self.value = HeaderField.unfold(rawValue)
    }

    /// Creates a field from an already unfolded value (for building messages).
    public init(name: String, value: String) {
        self.name = name
        self.rawValue = Array(value.utf8)
        self.value = value
    }

    /// The value with RFC 2047 encoded words decoded (for unstructured fields such as Subject).
    public var decodedValue: String {
        EncodedWord.decode(value)
    }

    /// Whether `name` matches this field, ignoring case: as many bytes, and `name.lowercased() ==
    /// other.lowercased()` (the Kelvin sign is not a `k` here). Compared byte
    /// by byte while both are ASCII (as field names are): lower-casing both allocated two strings for every field a
    /// lookup passed, 20 M instructions per 1,000 mails. The first ASCII pair that differs in more than case
    /// decides (false): the lower-cased texts differ at that character whatever follows it, since ASCII letters
    /// are starters that no later scalar combines with or reorders around. The comparison used to read on to the
    /// end, to see whether a later byte was not ASCII; header lookups pass every field of a message, most of them
    /// differing at the first byte (the byte loop was 1 % of the gateway's instructions). Text that is not ASCII
    /// before any difference is lower-cased as before.
    public func hasName(_ other: String) -> Bool {
        guard name.utf8.count == other.utf8.count else { return false }
        for (left, right) in zip(name.utf8, other.utf8) {
            if left >= 0x80 || right >= 0x80 { return name.lowercased() == other.lowercased() }
            if left != right, Self.asciiLower(left) != Self.asciiLower(right) { return false }
        }
        return true
    }

    private static func asciiLower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
    }

    static func unfold(_ raw: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        for byte in raw where byte != 0x0D && byte != 0x0A {
            out.append(byte)
        }
        var start = 0
        var end = out.count
        while start < end, out[start] == 0x20 || out[start] == 0x09 { start += 1 }
        while end > start, out[end - 1] == 0x20 || out[end - 1] == 0x09 { end -= 1 }
        return Charset.decodeHeaderBytes(out[start..<end])
    }
}
