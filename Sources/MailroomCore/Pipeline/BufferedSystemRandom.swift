#if canImport(Glibc)
    import Glibc
#endif

/// The operating system's cryptographically secure random numbers, fetched 256 bytes at a time.
///
/// `SystemRandomNumberGenerator` makes one `getrandom` system call per `next()`, and composing a mail calls it
/// dozens of times (a MIME boundary takes 28 draws, a Message-ID token 16, a ticket id 6). This generator asks
/// the kernel once per 32 draws (glibc's `arc4random_buf`) for the same quality of randomness. Values are never
/// reused: each draw consumes its word.
public struct BufferedSystemRandom: RandomNumberGenerator {
    private static let words = 32
    private var buffer = [UInt64](repeating: 0, count: BufferedSystemRandom.words)
    private var position = BufferedSystemRandom.words

    /// Creates a generator; its first draw fills the buffer.
    public init() {}

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        if position == buffer.count { refill() }
        defer { position += 1 }
        return buffer[position]
    }

    private mutating func refill() {
        #if canImport(Glibc)
            // glibc's arc4random_buf: the kernel's getrandom for the whole buffer (it never returns short).
            buffer.withUnsafeMutableBytes { bytes in
                if let base = bytes.baseAddress { arc4random_buf(base, bytes.count) }
            }
        #else
            var system = SystemRandomNumberGenerator()
            for index in buffer.indices { buffer[index] = system.next() }
        #endif
        position = 0
    }
}
