import Foundation

/// A customer's conversation with support: the unit the gateway threads mail into.
public struct Ticket: Sendable, Hashable, Codable {
    /// The public id customers and agents see, e.g. `MR-7K4QX2`.
    public var publicID: String
    /// The customer's address (lowercased for comparisons) and display name.
    public var customerEmail: String
    /// The customer's display name, if the mail had one.
    public var customerName: String?
    /// The subject of the first message.
    public var subject: String
    /// The current status.
    public var status: TicketStatus
    /// The classified intent of the first message (or the latest re-classification).
    public var intent: String?
    /// The calibrated confidence in `intent`.
    public var confidence: Double?
    /// Urgency level (`low`, `medium`, `high`, `critical`).
    public var urgency: String?
    /// Sentiment (`negative`, `neutral`, `positive`).
    public var sentiment: String?
    /// Churn risk (`low`, `medium`, `high`).
    public var churnRisk: String?
    /// Detected language code (`en`, `de`, ...).
    public var language: String?
    /// The signals with their scores and evidence, as JSON, for the audit trail.
    public var signalsJSON: String?
    /// When the first message arrived.
    public var receivedAt: Date
    /// When the customer first got an answer (automatic or personal).
    public var firstResponseAt: Date?
    /// When the ticket was answered by a person or closed.
    public var resolvedAt: Date?
    /// When anything last changed.
    public var updatedAt: Date
    /// The Message-ID of the customer's latest mail (our replies set In-Reply-To to it).
    public var lastCustomerMessageID: String?
    /// The thread's Message-IDs, oldest first (our replies' References).
    public var references: [String]
    /// How many automatic mails the ticket has had.
    public var automaticReplies: Int
    /// The Message-ID of the latest escalation to the agents (agents' answers refer to it).
    public var escalationMessageID: String?
    /// The customer's question: the new text of the first message (for the knowledge base), at most 4,000
    /// characters.
    public var question: String?
    /// When an automatic answer was first decided and queued (the ticket counts as answered automatically).
    public var autoAnsweredAt: Date?
    /// When the first automatic answer was accepted by the mail server.
    public var firstAutoResponseAt: Date?
    /// When the first answer by a person (relayed or a chosen template) was accepted by the mail server.
    public var firstHumanResponseAt: Date?
    /// When the ticket was first handed to the agents.
    public var escalatedAt: Date?
    /// When an agent first answered (by mail or through the API).
    public var agentAnsweredAt: Date?
    /// When an agent closed the ticket (the last time).
    public var closedAt: Date?
    /// When the customer first wrote again after the automatic answer (durable resolution looks at it).
    public var customerFollowUpAt: Date?
    /// Whether an automatic answer was contradicted: the customer said it did not help (by mail or feedback link)
    /// or an agent answered anyway.
    public var contradicted = false
    /// When the first answer is due under the SLA of the ticket's urgency.
    public var firstResponseDueAt: Date?
    /// When the ticket should be resolved under that SLA.
    public var resolutionDueAt: Date?
    /// How often the ticket was reopened (by the customer writing again after an answer, a "did not help"
    /// feedback, or an agent).
    public var reopenCount = 0
    /// Other people on the customer's own mail (its To and Cc, without our addresses), lower case: their mail on
    /// the ticket is a colleague's, not a third party's.
    public var participants: [String] = []

    /// Creates a ticket.
    public init(
        publicID: String, customerEmail: String, customerName: String?, subject: String, status: TicketStatus,
        receivedAt: Date
    ) {
        self.publicID = publicID
        self.customerEmail = customerEmail.lowercased()
        self.customerName = customerName
        self.subject = subject
        self.status = status
        self.receivedAt = receivedAt
        self.updatedAt = receivedAt
        self.references = []
        self.automaticReplies = 0
    }
}
