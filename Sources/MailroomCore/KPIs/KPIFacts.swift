import Foundation

/// What the KPIs need to know about one ticket: its timestamps and status, and what its customer said about
/// the answers (feedback links and "did not help" replies). The store reads it from the ticket's row.
public struct KPIFacts: Sendable, Hashable {
    /// When the first message arrived (the ticket's day in the rollups, UTC).
    public var receivedAt: Date
    /// The current status.
    public var status: TicketStatus
    /// The classified intent, if any.
    public var intent: String?
    /// Its calibrated confidence.
    public var confidence: Double?
    /// The detected language.
    public var language: String?
    /// When an automatic answer was first decided.
    public var autoAnsweredAt: Date?
    /// The first answer accepted by the mail server (automatic or personal).
    public var firstResponseAt: Date?
    /// The first automatic answer accepted by the mail server.
    public var firstAutoResponseAt: Date?
    /// The first personal answer accepted by the mail server.
    public var firstHumanResponseAt: Date?
    /// When the ticket was first handed to the agents.
    public var escalatedAt: Date?
    /// When an agent first answered.
    public var agentAnsweredAt: Date?
    /// When the ticket was resolved (answered or closed), nil while it is open again.
    public var resolvedAt: Date?
    /// When an agent closed it.
    public var closedAt: Date?
    /// The customer's first follow-up after the automatic answer.
    public var customerFollowUpAt: Date?
    /// Whether the automatic answer was contradicted.
    public var contradicted: Bool
    /// How often the ticket was reopened.
    public var reopenCount: Int
    /// When the first answer is due.
    public var firstResponseDueAt: Date?
    /// When the ticket should be resolved.
    public var resolutionDueAt: Date?
    /// Feedback-link answers "yes".
    public var feedbackYes: Int
    /// Feedback-link answers "no".
    public var feedbackNo: Int
    /// The sum of the ratings given (1 to 5).
    public var ratingSum: Int
    /// How many ratings were given.
    public var ratingCount: Int
    /// Whether a rating of 1 or 2 was given.
    public var lowRating: Bool
    /// "Did not help" replies by mail.
    public var didNotHelpReplies: Int

    /// Creates facts; everything but the receipt time and status defaults to "not happened".
    public init(
        receivedAt: Date, status: TicketStatus, intent: String? = nil, confidence: Double? = nil,
        language: String? = nil, autoAnsweredAt: Date? = nil, firstResponseAt: Date? = nil,
        firstAutoResponseAt: Date? = nil, firstHumanResponseAt: Date? = nil, escalatedAt: Date? = nil,
        agentAnsweredAt: Date? = nil, resolvedAt: Date? = nil, closedAt: Date? = nil,
        customerFollowUpAt: Date? = nil, contradicted: Bool = false, reopenCount: Int = 0,
        firstResponseDueAt: Date? = nil, resolutionDueAt: Date? = nil, feedbackYes: Int = 0, feedbackNo: Int = 0,
        ratingSum: Int = 0, ratingCount: Int = 0, lowRating: Bool = false, didNotHelpReplies: Int = 0
    ) {
        self.receivedAt = receivedAt
        self.status = status
        self.intent = intent
        self.confidence = confidence
        self.language = language
        self.autoAnsweredAt = autoAnsweredAt
        self.firstResponseAt = firstResponseAt
        self.firstAutoResponseAt = firstAutoResponseAt
        self.firstHumanResponseAt = firstHumanResponseAt
        self.escalatedAt = escalatedAt
        self.agentAnsweredAt = agentAnsweredAt
        self.resolvedAt = resolvedAt
        self.closedAt = closedAt
        self.customerFollowUpAt = customerFollowUpAt
        self.contradicted = contradicted
        self.reopenCount = reopenCount
        self.firstResponseDueAt = firstResponseDueAt
        self.resolutionDueAt = resolutionDueAt
        self.feedbackYes = feedbackYes
        self.feedbackNo = feedbackNo
        self.ratingSum = ratingSum
        self.ratingCount = ratingCount
        self.lowRating = lowRating
        self.didNotHelpReplies = didNotHelpReplies
    }

    /// Whether the customer said, by link or by mail, that an answer did not help (or rated it 1 or 2).
    public var negativeFeedback: Bool { feedbackNo > 0 || lowRating || didNotHelpReplies > 0 }

    /// Whether the ticket got an answer or was closed at least once (the base of the reopen rate).
    public var handled: Bool {
        firstResponseAt != nil || autoAnsweredAt != nil || agentAnsweredAt != nil || closedAt != nil
    }
}
