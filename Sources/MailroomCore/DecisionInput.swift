import Triage

/// Everything the decision policy looks at for one message.
public struct DecisionInput: Sendable, Hashable {
    /// The classifier's prediction, or nil when no model is configured or it failed.
    public var prediction: IntentPrediction?
    /// Urgency, sentiment, churn risk, language.
    public var signals: Signals
    /// The most similar resolved ticket, if any.
    public var similarResolution: SimilarResolution?
    /// Facts about the sender.
    public var sender: SenderFacts
    /// Facts about the ticket the message belongs to.
    public var ticket: TicketFacts

    /// Creates an input.
    public init(
        prediction: IntentPrediction?, signals: Signals = .neutral, similarResolution: SimilarResolution? = nil,
        sender: SenderFacts = SenderFacts(), ticket: TicketFacts = TicketFacts()
    ) {
        self.prediction = prediction
        self.signals = signals
        self.similarResolution = similarResolution
        self.sender = sender
        self.ticket = ticket
    }
}

/// The best match from the similarity index of resolved tickets.
public struct SimilarResolution: Sendable, Hashable {
    /// The resolved ticket's id.
    public var ticketID: String
    /// The resolved ticket's intent.
    public var intent: String
    /// The cosine similarity, 0...1.
    public var score: Double
    /// The resolution text.
    public var resolution: String

    /// Creates a match.
    public init(ticketID: String, intent: String, score: Double, resolution: String) {
        self.ticketID = ticketID
        self.intent = intent
        self.score = score
        self.resolution = resolution
    }
}

/// What is known about the sender.
public struct SenderFacts: Sendable, Hashable {
    /// The DMARC verdict of the trusted receiving server (Authentication-Results); `unknown` without one.
    public var dmarc: DMARCResult

    /// Creates sender facts.
    public init(dmarc: DMARCResult = .unknown) {
        self.dmarc = dmarc
    }
}

/// What is known about the ticket.
public struct TicketFacts: Sendable, Hashable {
    /// Whether the message is a follow-up in an existing ticket.
    public var isFollowUp: Bool
    /// The existing ticket's status (nil for a new ticket).
    public var status: TicketStatus?
    /// Whether the customer said the previous answer did not help.
    public var previousAnswerDidNotHelp: Bool
    /// How many automatic replies the ticket already got.
    public var autoRepliesSent: Int

    /// Creates ticket facts; the defaults describe a new ticket.
    public init(
        isFollowUp: Bool = false, status: TicketStatus? = nil, previousAnswerDidNotHelp: Bool = false,
        autoRepliesSent: Int = 0
    ) {
        self.isFollowUp = isFollowUp
        self.status = status
        self.previousAnswerDidNotHelp = previousAnswerDidNotHelp
        self.autoRepliesSent = autoRepliesSent
    }
}
