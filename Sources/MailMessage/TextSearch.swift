#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Substring search on UTF-8 bytes (`memchr` for the first byte, then `memcmp`): linear in the text for the
/// short patterns it is used with, with none of the locale-aware Unicode
/// matching of `String.contains(_:)`, which costs a thousand times more on a long text. Callers lowercase both
/// sides first; the patterns are exact byte sequences.
package enum TextSearch {
    /// The first of `needles` that occurs in `haystack`, or nil.
    static func firstNeedle(_ needles: [String], in haystack: String) -> String? {
        var text = haystack
        return text.withUTF8 { bytes -> String? in
            guard let base = bytes.baseAddress else { return nil }
            for needle in needles {
                var pattern = needle
                let found = pattern.withUTF8 { key -> Bool in
                    guard let keyBase = key.baseAddress, key.count <= bytes.count else { return false }
                    return occurs(keyBase, key.count, in: base, bytes.count)
                }
                if found { return needle }
            }
            return nil
        }
    }

    private static func occurs(
        _ key: UnsafePointer<UInt8>, _ keyCount: Int, in text: UnsafePointer<UInt8>, _ count: Int
    ) -> Bool {
        var offset = 0
        while offset + keyCount <= count {
            guard let hit = memchr(text + offset, Int32(key[0]), count - offset - keyCount + 1) else { return false }
            let position = text.distance(to: hit.assumingMemoryBound(to: UInt8.self))
            if memcmp(text + position, key, keyCount) == 0 { return true }
            offset = position + 1
        }
        return false
    }

    /// Whether any of `needles` occurs in `haystack`.
    static func containsAny(_ needles: [String], in haystack: String) -> Bool {
        firstNeedle(needles, in: haystack) != nil
    }

    /// Whether `needle` occurs in `haystack`, byte for byte (for ASCII markers in long rendered bodies).
    package static func contains(_ needle: String, in haystack: String) -> Bool {
        needle.isEmpty || firstNeedle([needle], in: haystack) != nil
    }

    /// Where the last occurrence of `needle` (ASCII, such as `</body>`) starts in `haystack`, ASCII letters
    /// matched in either case; nil when it does not occur or `needle` is not ASCII.
    package static func lastIgnoringASCIICase(_ needle: String, in haystack: String) -> String.Index? {
        let key = Array(needle.utf8)
        guard !key.isEmpty, key.allSatisfy({ $0 < 0x80 }) else { return nil }
        var text = haystack
        let offset = text.withUTF8 { bytes -> Int? in
            guard key.count <= bytes.count else { return nil }
            var start = bytes.count - key.count
            while start >= 0 {
                var index = 0
                while index < key.count, lower(bytes[start + index]) == lower(key[index]) { index += 1 }
                if index == key.count { return start }
                start -= 1
            }
            return nil
        }
        return offset.map { haystack.utf8.index(haystack.utf8.startIndex, offsetBy: $0) }
    }

    private static func lower(_ byte: UInt8) -> UInt8 {
        byte >= 0x41 && byte <= 0x5A ? byte + 0x20 : byte
    }
}
