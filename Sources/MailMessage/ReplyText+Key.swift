extension ReplyText {
    /// A normalised line (or the start of a long one) as UTF-8 bytes: lowercased, white space single and
    /// trimmed, `*` emphasis and direction marks removed, full-width colons as `:`. Matching on bytes keeps the
    /// scanner fast; word tables are written in the same normal form.
    struct Key: Hashable, ExpressibleByStringLiteral, CustomStringConvertible {
        var bytes: [UInt8]

        init(bytes: [UInt8]) { self.bytes = bytes }
        init(_ text: String) { bytes = Array(text.utf8) }
        init(stringLiteral text: String) { self.init(text) }

        var description: String { String(decoding: bytes, as: UTF8.self) }
        var isEmpty: Bool { bytes.isEmpty }
        var first: UInt8? { bytes.first }
        var last: UInt8? { bytes.last }

        func hasPrefix(_ other: Key) -> Bool { matches(other, at: 0) }

        func hasSuffix(_ other: Key) -> Bool { matches(other, at: bytes.count - other.bytes.count) }

        /// The position of the first occurrence of `other`, if any.
        func firstIndex(of other: Key) -> Int? {
            guard !other.bytes.isEmpty, other.bytes.count <= bytes.count else { return nil }
            let first = other.bytes[0]
            var start = 0
            let last = bytes.count - other.bytes.count
            while start <= last {
                if bytes[start] == first && matches(other, at: start) { return start }
                start += 1
            }
            return nil
        }

        func contains(_ other: Key) -> Bool { firstIndex(of: other) != nil }

        func contains(byte: UInt8) -> Bool {
            for candidate in bytes where candidate == byte { return true }
            return false
        }

        func matches(_ other: Key, at start: Int) -> Bool {
            guard start >= 0, start + other.bytes.count <= bytes.count else { return false }
            var offset = 0
            while offset < other.bytes.count {
                if bytes[start + offset] != other.bytes[offset] { return false }
                offset += 1
            }
            return true
        }

        func dropFirst(_ count: Int) -> Key { Key(bytes: Array(bytes[Swift.min(count, bytes.count)...])) }

        func dropLast(_ count: Int) -> Key { Key(bytes: Array(bytes[..<Swift.max(0, bytes.count - count)])) }

        /// Without the given ASCII bytes (and em dashes, when `-` is one of them) at both ends.
        func trimmed(_ set: [UInt8]) -> Key {
            func isIn(_ byte: UInt8) -> Bool {
                for member in set where member == byte { return true }
                return false
            }
            let dashes = isIn(0x2D)
            var start = 0
            var end = bytes.count
            while start < end {
                if isIn(bytes[start]) {
                    start += 1
                } else if dashes && start + 3 <= end && bytes[start] == 0xE2 && matches(ReplyText.emDash, at: start) {
                    start += 3
                } else {
                    break
                }
            }
            while end > start {
                if isIn(bytes[end - 1]) {
                    end -= 1
                } else if dashes && end - start >= 3 && bytes[end - 1] == 0x94 && matches(ReplyText.emDash, at: end - 3)
                {
                    end -= 3
                } else {
                    break
                }
            }
            if start == 0 && end == bytes.count { return self }
            return Key(bytes: Array(bytes[start..<end]))
        }

        /// The last word (after the last space).
        var lastWord: Key {
            var start = bytes.count
            while start > 0 && bytes[start - 1] != 0x20 { start -= 1 }
            return start == 0 ? self : Key(bytes: Array(bytes[start...]))
        }

        /// The words (split at spaces).
        var words: [Key] { bytes.split(separator: 0x20).map { Key(bytes: Array($0)) } }

        var hasDigit: Bool {
            for byte in bytes where byte >= 0x30 && byte <= 0x39 { return true }
            return false
        }
    }

    static let emDash: Key = "—"
    static let ruleBytes: [UInt8] = Array("-_=~".utf8)

    /// Whether the key contains a year (19xx or 20xx), a time (`16:19`, `16.19`) or a CJK date (年, 년).
    static func hasDateOrTime(_ key: Key) -> Bool {
        var run = 0
        var century = 0
        var afterTimeSeparator = false
        var index = -1
        for byte in key.bytes {
            index += 1
            if byte >= 0x30 && byte <= 0x39 {
                run += 1
                if run <= 2 { century = century * 10 + Int(byte - 0x30) }
                if afterTimeSeparator && run == 2 { return true }
                continue
            }
            if run == 4 && (century == 19 || century == 20) { return true }
            // 年 (E5 B9 B4) and 년 (EB 85 84)
            if (byte == 0xB4 && index >= 2 && key.bytes[index - 2] == 0xE5 && key.bytes[index - 1] == 0xB9)
                || (byte == 0x84 && index >= 2 && key.bytes[index - 2] == 0xEB && key.bytes[index - 1] == 0x85)
            {
                return true
            }
            afterTimeSeparator = (byte == 0x3A || byte == 0x2E) && (run == 1 || run == 2)
            run = 0
            century = 0
        }
        return run == 4 && (century == 19 || century == 20)
    }
}

extension ReplyText {
    /// A word table for prefix (or suffix) tests, bucketed by first (or last) byte so a line that matches
    /// nothing costs one lookup.
    struct KeyTable {
        let keys: [Key]
        private let buckets: [[Key]]
        /// Whether any word starts (or ends) with the byte: most lines are turned away here.
        private let used: [Bool]

        init(_ words: [String], bySuffix: Bool = false) {
            keys = words.map { Key($0) }
            var buckets = [[Key]](repeating: [], count: 256)
            for key in keys where !key.isEmpty {
                buckets[Int(bySuffix ? key.bytes[key.bytes.count - 1] : key.bytes[0])].append(key)
            }
            self.buckets = buckets
            used = buckets.map { !$0.isEmpty }
        }

        /// The first word of a suffix table that `key` ends with (in table order).
        func suffix(of key: Key) -> Key? {
            guard let last = key.last, used[Int(last)] else { return nil }
            for candidate in buckets[Int(last)] where key.hasSuffix(candidate) { return candidate }
            return nil
        }

        /// The first word of the table that `key` starts with at byte `offset`.
        func prefix(of key: Key, at offset: Int = 0) -> Key? {
            guard offset < key.bytes.count, used[Int(key.bytes[offset])] else { return nil }
            for candidate in buckets[Int(key.bytes[offset])] where key.matches(candidate, at: offset) {
                return candidate
            }
            return nil
        }
    }
}
