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
enum TextSearch {
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
}
