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
    /// The loop policy's verdict: whether automatic mail may go to the sender at all.
    public var loop: LoopVerdict
    /// Whether a reply template can be rendered for the predicted intent (its own or the fallback).
    public var replyTemplateAvailable: Bool
    /// Whether `prediction`'s confidence is calibrated (a language model's is only once
    /// `mailroom evaluate --backend llm` fitted a calibration).
    public var predictionCalibrated = true
    /// With `triage.backend: both`, whether the language model agreed with the local prediction (nil otherwise).
    public var agreement: Agreement?

    /// Creates an input.
    public init(
        prediction: IntentPrediction?, signals: Signals = .neutral, similarResolution: SimilarResolution? = nil,
        sender: SenderFacts = SenderFacts(), ticket: TicketFacts = TicketFacts(),
        loop: LoopVerdict = LoopVerdict(.allowAutomatic), replyTemplateAvailable: Bool = true
    ) {
        self.prediction = prediction
        self.signals = signals
        self.similarResolution = similarResolution
        self.sender = sender
        self.ticket = ticket
        self.loop = loop
        self.replyTemplateAvailable = replyTemplateAvailable
    }
}

/// Whether a second opinion (the language model's, with `triage.backend: both`) agrees with the prediction.
public enum Agreement: Sendable, Hashable {
    /// The same intent.
    case agrees
    /// Another intent (or `unknown`): the detail names it.
    case disagrees(String)
    /// No valid second opinion: the detail says why (timeout, invalid answer, ...).
    case missing(String)
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
    /// The approved knowledge entry it comes from (nil: not approved, never reused).
    public var knowledgeID: Int64?

    /// Creates a match.
    public init(ticketID: String, intent: String, score: Double, resolution: String, knowledgeID: Int64? = nil) {
        self.ticketID = ticketID
        self.intent = intent
        self.score = score
        self.resolution = resolution
        self.knowledgeID = knowledgeID
    }
}

/// What is known about the sender.
public struct SenderFacts: Sendable, Hashable {
    /// The DMARC verdict of the trusted receiving server (Authentication-Results); `unknown` without one.
    public var dmarc: DMARCResult
    /// Who the sender is on the ticket the message joined (`customer` for a new ticket).
    public var author: MessageAuthor
    /// The sender's address, for the reasons' details.
    public var address: String

    /// Creates sender facts.
    public init(dmarc: DMARCResult = .unknown, author: MessageAuthor = .customer, address: String = "") {
        self.dmarc = dmarc
        self.author = author
        self.address = address
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
