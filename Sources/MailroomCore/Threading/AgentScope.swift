/// What an agents' reply address was given out for: the scope decides what an answer through it may do.
/// The raw values are the letter in the signed token.
public enum AgentScope: String, Sendable, Hashable, CaseIterable {
    /// An escalation or a follow-up from the ticket's customer (or a colleague on their mail): an agent's answer
    /// goes to the customer.
    case answer = "A"
    /// A mail from a third party (not the ticket's customer): an agent's answer goes to the customer only when
    /// its first line is `#relay`.
    case thirdParty = "T"
}

/// The ticket and scope named by a valid agents' reply address.
public struct AgentTarget: Sendable, Hashable {
    /// The ticket's public id.
    public var publicID: String
    /// What the address was given out for.
    public var scope: AgentScope

    /// Creates a target.
    public init(publicID: String, scope: AgentScope) {
        self.publicID = publicID
        self.scope = scope
    }
}
