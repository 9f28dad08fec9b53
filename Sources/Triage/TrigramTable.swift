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
