/// Bounds that keep parsing linear and memory-bounded; exceeding one adds a defect instead of failing.
public struct ParseLimits: Hashable, Sendable {
    /// Bytes parsed at most; the rest of a larger message is ignored (`message-too-large`).
    public var maxSize: Int
    /// Header fields read per entity at most (`too-many-headers`).
    public var maxHeaderCount: Int
    /// MIME nesting depth at most (`mime-too-deep`).
    public var maxDepth: Int
    /// MIME parts in the whole message at most (`too-many-parts`).
    public var maxParts: Int

    /// Creates limits.
    public init(maxSize: Int, maxHeaderCount: Int, maxDepth: Int, maxParts: Int) {
        self.maxSize = maxSize
        self.maxHeaderCount = maxHeaderCount
        self.maxDepth = maxDepth
        self.maxParts = maxParts
    }

    /// 64 MiB, 2,000 header fields, depth 32, 2,000 parts.
    public static let `default` = ParseLimits(maxSize: 64 << 20, maxHeaderCount: 2000, maxDepth: 32, maxParts: 2000)
}
