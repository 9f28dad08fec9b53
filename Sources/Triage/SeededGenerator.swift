/// A small deterministic random number generator (SplitMix64): the same seed gives the same sequence on every
/// machine, so training is reproducible (and benchmarks and tests that need repeatable randomness use it too).
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator; different seeds give unrelated sequences.
    public init(seed: UInt64) {
        state = seed
    }

    /// A generator for one position of a stream (an epoch, an example, ...), independent of the order in which
    /// positions are visited.
    init(seed: UInt64, stream: UInt64, position: UInt64) {
        var mixer = SeededGenerator(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
        state = mixer.next() ^ (position &* 0x9E37_79B9_7F4A_7C15)
        _ = next()
    }

    /// The next value of the sequence.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform value in [0, 1).
    mutating func unitFloat() -> Float {
        Float(next() >> 40) / Float(1 << 24)
    }
}
