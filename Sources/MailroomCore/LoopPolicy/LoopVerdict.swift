/// The loop policy's answer for one incoming message.
public struct LoopVerdict: Hashable, Sendable {
    /// Whether automatic mail may be sent in answer to the message.
    public enum Decision: Hashable, Sendable {
        /// Nothing stops an automatic answer (the decision policy still decides whether to send one).
        case allowAutomatic
        /// No automatic mail; log the reason.
        case suppress(SuppressionReason)
    }

    /// The decision.
    public var decision: Decision
    /// A pause the caller must now store for the sender's address (a flood cool-down), or nil. The caller
    /// passes it back as ``LoopCheck/pause`` until it ends.
    public var startPause: SenderPause?

    /// Creates a verdict.
    public init(_ decision: Decision, startPause: SenderPause? = nil) {
        self.decision = decision
        self.startPause = startPause
    }

    /// The reason when suppressed, else nil.
    public var suppression: SuppressionReason? {
        if case .suppress(let reason) = decision { return reason }
        return nil
    }

    /// Whether an automatic answer is allowed.
    public var allowsAutomatic: Bool { decision == .allowAutomatic }
}
