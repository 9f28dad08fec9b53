/// Small readers of ASCII protocol text on its bytes, for the parsers that run once per line or message of a
/// server's reply. Each answers as the `String` operation it replaces would on ASCII text; callers send text that
/// is not ASCII to their character reader.
enum ASCIIBytes {
    /// A decimal number read as `UInt64(text)` would (`UInt32(text)` with `max`), or why not.
    enum Decimal: Equatable {
        case value(UInt64)
        /// Not a number, or past `max`.
        case none
        /// A leading sign, which the character reader decides.
        case unsure
    }

    /// The digits of `range`: `.none` for anything else or past `max`; a leading `+` or `-` is `.unsure`.
    static func decimal(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, max: UInt64 = .max) -> Decimal {
        guard !range.isEmpty else { return .none }
        let first = bytes[range.lowerBound]
        if first == UInt8(ascii: "+") || first == UInt8(ascii: "-") { return .unsure }
        var value: UInt64 = 0
        for byte in bytes[range] {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return .none }
            let (times, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, carry) = times.addingReportingOverflow(UInt64(byte - UInt8(ascii: "0")))
            if overflow || carry || sum > max { return .none }
            value = sum
        }
        return .value(value)
    }

    /// Whether the bytes of `range`, upper-cased (ASCII letters only), are `word` (upper case).
    static func equalsUppercased(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ word: StaticString)
        -> Bool
    {
        guard range.count == word.utf8CodeUnitCount else { return false }
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        for (offset, byte) in bytes[range].enumerated() where upper(byte) != expected[offset] { return false }
        return true
    }

    /// Whether `bytes` upper-cased starts with `prefix` (upper case).
    static func hasPrefix(_ bytes: UnsafeBufferPointer<UInt8>, _ prefix: StaticString) -> Bool {
        bytes.count >= prefix.utf8CodeUnitCount && equalsUppercased(bytes, 0..<prefix.utf8CodeUnitCount, prefix)
    }

    /// Whether `bytes` upper-cased contains `needle` (upper case).
    static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: StaticString) -> Bool {
        let length = needle.utf8CodeUnitCount
        guard bytes.count >= length else { return false }
        for start in 0...(bytes.count - length) where equalsUppercased(bytes, start..<(start + length), needle) {
            return true
        }
        return false
    }

    /// The byte with an ASCII lower-case letter upper-cased.
    static func upper(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z") ? byte - 32 : byte
    }
}
