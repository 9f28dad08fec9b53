/// The compact position of each kept hashed id, in an open-addressing table sized by the kept features (about
/// 15,000 in the built-in model) rather than by the hashed space (2^21 buckets, which held 8 MiB per model).
struct FeatureLookup: Sendable {
    /// Each slot holds a position in `ids` plus one; zero marks an empty slot.
    private let slots: [UInt32]
    private let ids: [UInt32]
    private let shift: UInt64

    /// A table over `ids`, which are unique.
    init(_ ids: [UInt32]) {
        var bits = 4
        while (1 << bits) < 2 * ids.count { bits += 1 }
        var slots = [UInt32](repeating: 0, count: 1 << bits)
        let shift = UInt64(64 - bits)
        let mask = slots.count - 1
        for (position, id) in ids.enumerated() {
            var slot = Self.home(id, shift: shift)
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = UInt32(position + 1)
        }
        self.slots = slots
        self.ids = ids
        self.shift = shift
    }

    /// The number of slots (at most four per id, at least sixteen).
    var capacity: Int { slots.count }

    /// The position of `id` in the ids, if it is one of them.
    @inline(__always)
    func position(of id: UInt32) -> Int? {
        let mask = slots.count - 1
        var slot = Self.home(id, shift: shift)
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            let position = Int(entry) - 1
            if ids[position] == id { return position }
            slot = (slot + 1) & mask
        }
    }

    /// Fibonacci hashing: the top bits of the id times the golden ratio.
    @inline(__always)
    private static func home(_ id: UInt32, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (UInt64(id) &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }
}
