/// Where a ticket stands. Stored as these raw values.
public enum TicketStatus: String, Sendable, Hashable, Codable, CaseIterable {
    /// New, or reopened by the customer; nobody has answered yet.
    case open
    /// Answered automatically from a template.
    case autoReplied = "auto_replied"
    /// Handed to the agents; waiting for a person.
    case escalated
    /// A person answered.
    case answered
    /// Closed by an agent (`#close`).
    case closed

    /// Whether the customer has had an answer (automatic or personal).
    public var isAnswered: Bool { self == .autoReplied || self == .answered || self == .closed }
}
