/// The profile row of each packed trigram key, in an open-addressing table (Fibonacci hashing, linear probing):
/// a lookup is a multiply and one or two probes, where a `Dictionary` hashed each key with SipHash.
struct TrigramTable: Sendable {
    /// Each slot holds a row plus one; zero marks an empty slot.
    private var slots: [Int32]
    private var keys: [UInt64]
    private var shift: UInt64

    /// A table for `count` keys (at most half the slots are used).
    init(capacity count: Int) {
        var bits = 4
        while (1 << bits) < 2 * count { bits += 1 }
        slots = [Int32](repeating: 0, count: 1 << bits)
        keys = [UInt64](repeating: 0, count: 1 << bits)
        shift = UInt64(64 - bits)
    }

    /// Stores `row` for `key`, which is not in the table yet.
    mutating func insert(_ key: UInt64, row: Int) {
        let mask = slots.count - 1
        var slot = home(key)
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(row + 1)
        keys[slot] = key
    }

    /// The row of `key`, if it is in the table.
    @inline(__always)
    func row(_ key: UInt64) -> Int? {
        let mask = slots.count - 1
        var slot = home(key)
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            if keys[slot] == key { return Int(entry) - 1 }
            slot = (slot + 1) & mask
        }
    }

    @inline(__always)
    private func home(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }
}

/// Lowercasing and letters for the scalars below U+0300 (Latin, Latin-1, Latin Extended-A and -B, IPA, spacing
/// modifiers), read from a table. Each of these scalars is a character of its own (the only two-scalar character
/// among them is CR LF, which holds no letter), so text made of them can be split into words and trigrams by
/// scalar with the same result as by `Character`.
enum SmallScalars {
    /// Scalars below this value are in the tables.
    static let limit: UInt32 = 0x300

    /// For each scalar below ``limit``: its lowercase form when `String.lowercased()` maps it to one scalar that
    /// is itself below the limit, with bit 31 set when that form is a letter (`Character.isLetter`); `UInt32.max`
    /// when the lowercase form is longer or beyond the limit (U+0130 becomes `i` and a combining dot).
    static let lowered: [UInt32] = (0..<limit).map { value in
        let scalar = Unicode.Scalar(value)!
        let lower = String(scalar).lowercased().unicodeScalars
        guard lower.count == 1, let only = lower.first, only.value < limit else { return UInt32.max }
        return only.value | (Character(only).isLetter ? 1 << 31 : 0)
    }

    /// The lowercased letter runs of `text` when every scalar of it is below the limit and lowercases to one such
    /// scalar; nil otherwise.
    static func words(_ text: String) -> [String]? {
        let table = lowered
        var words: [String] = []
        var scratch = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            guard scalar.value < limit else { return nil }
            let entry = table[Int(scalar.value)]
            guard entry != UInt32.max else { return nil }
            if entry & (1 << 31) != 0 {
                scratch.append(Unicode.Scalar(entry & ~(1 << 31))!)
            } else if !scratch.isEmpty {
                words.append(String(scratch))
                scratch = String.UnicodeScalarView()
            }
        }
        if !scratch.isEmpty { words.append(String(scratch)) }
        return words
    }

    /// The packed trigram keys of `word` padded with a space on both sides, when all its scalars are below the
    /// limit; false (and nothing passed on) otherwise.
    static func eachTrigram(_ word: String, _ body: (UInt64) -> Void) -> Bool {
        guard word.unicodeScalars.allSatisfy({ $0.value < limit }) else { return false }
        var previous: (UInt64, UInt64) = (0, 0x20)
        var count = 1
        for scalar in word.unicodeScalars {
            let value = UInt64(scalar.value)
            count += 1
            if count >= 3 { body(previous.0 << 42 | previous.1 << 21 | value) }
            previous = (previous.1, value)
        }
        count += 1
        if count >= 3 { body(previous.0 << 42 | previous.1 << 21 | 0x20) }
        return true
    }
}
