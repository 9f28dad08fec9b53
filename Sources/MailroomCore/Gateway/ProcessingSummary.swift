/// What processing did with one message, in one word: the ops views show ``text``, metrics use ``label``.
public enum ProcessingSummary: Sendable, Hashable {
    /// Answered automatically.
    case autoReplied
    /// Escalated to the agents (with an acknowledgement to the customer when allowed).
    case escalated
    /// A follow-up shown to the agents on a ticket that is already with them, or a colleague's or third party's
    /// mail on a ticket.
    case forwarded
    /// Nothing sent and no person asked; the loop policy's code.
    case suppressed(SuppressionReason.Code)
    /// Our own mail came back.
    case ownMail
    /// An agent's internal note.
    case agentNote
    /// An agent's answer relayed to the customer.
    case agentAnswer
    /// An agent closed the ticket.
    case agentClosed
    /// A template an agent chose was sent.
    case agentTemplate
    /// An agent's command could not be carried out (the agent was told).
    case agentRejected
    /// Mail from an agent's address that was not proven, kept as an internal note.
    case agentUnauthenticated
    /// Held for a person.
    case quarantined(QuarantineReason)

    /// A closed set of metric labels.
    public var label: String {
        switch self {
        case .autoReplied: "auto_replied"
        case .escalated: "escalated"
        case .forwarded: "forwarded"
        case .suppressed: "suppressed"
        case .ownMail: "ignored"
        case .agentNote, .agentAnswer, .agentClosed, .agentTemplate: "agent"
        case .agentRejected, .agentUnauthenticated: "rejected"
        case .quarantined: "quarantined"
        }
    }

    /// One line for the ops views (stored with the message).
    public var text: String {
        switch self {
        case .autoReplied: "auto-replied"
        case .escalated: "escalated"
        case .forwarded: "forwarded to agents"
        case .suppressed(let code): "suppressed: \(code.rawValue)"
        case .ownMail: "ignored: our own mail"
        case .agentNote: "agent note"
        case .agentAnswer: "agent answer relayed"
        case .agentClosed: "closed by agent"
        case .agentTemplate: "agent template sent"
        case .agentRejected: "agent command rejected"
        case .agentUnauthenticated: "agent mail not authenticated: kept as a note"
        case .quarantined(let reason): "quarantined: \(reason.rawValue)"
        }
    }
}
