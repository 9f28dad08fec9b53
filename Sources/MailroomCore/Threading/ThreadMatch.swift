/// A ticket found for an incoming message and the method that found it.
public struct ThreadMatch: Hashable, Sendable {
    /// The ticket's public id, canonical upper case (`MR-7K4QX2`).
    public var publicID: String
    /// The method that matched.
    public var method: ThreadMethod

    /// Creates a match.
    public init(publicID: String, method: ThreadMethod) {
        self.publicID = publicID
        self.method = method
    }
}
