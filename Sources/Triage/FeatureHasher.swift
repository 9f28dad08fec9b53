/// FNV-1a hashing of n-grams into a bounded number of buckets.
struct FeatureHasher: Sendable {
    static let offset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01b3

    @inline(__always)
    static func step(_ hash: UInt64, _ value: UInt32) -> UInt64 {
        var result = hash
        var remaining = value
        repeat {
            result = (result ^ UInt64(remaining & 0xFF)) &* prime
            remaining >>= 8
        } while remaining != 0
        return result
    }

    static func hash(_ text: String, seed: UInt64) -> UInt64 {
        var result = offset ^ seed
        for byte in text.utf8 {
            result = (result ^ UInt64(byte)) &* prime
        }
        return result
    }

    /// Combines two hashes (order matters).
    @inline(__always)
    static func combine(_ first: UInt64, _ second: UInt64) -> UInt64 {
        (first &* 0x9E37_79B9_7F4A_7C15) ^ second
    }

    /// Mixes the bits (the murmur3 finaliser) and keeps `bits` of them.
    @inline(__always)
    static func bucket(_ hash: UInt64, bits: Int) -> UInt32 {
        var mixed = hash
        mixed ^= mixed >> 33
        mixed = mixed &* 0xff51_afd7_ed55_8ccd
        mixed ^= mixed >> 33
        mixed = mixed &* 0xc4ce_b9fe_1a85_ec53
        mixed ^= mixed >> 33
        return UInt32(truncatingIfNeeded: mixed & ((1 << UInt64(bits)) - 1))
    }
}
