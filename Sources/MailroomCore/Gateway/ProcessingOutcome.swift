import Foundation

/// Why a message is held for a person instead of being processed. Stored as these raw values.
public enum QuarantineReason: String, Sendable, Hashable, Codable, CaseIterable {
    /// Nothing usable could be parsed (empty, or not a message).
    case unparseable
    /// Larger than the configured limit; not downloaded or not processed.
    case oversized
    /// Processing failed with an error (the detail says which).
    case processingError = "processing_error"
}

/// A pause on automatic mail to one address (a bounce of our mail, or a flood cool-down).
public struct AddressPause: Sendable, Hashable {
    /// The paused address (lowercased).
    public var address: String
    /// Until when and why.
    public var pause: SenderPause

    /// Creates a pause for `address`.
    public init(address: String, pause: SenderPause) {
        self.address = address.lowercased()
        self.pause = pause
    }
}

/// A resolved question and its answer, for the similarity index.
public struct KnowledgeEntry: Sendable, Hashable {
    /// The ticket it came from.
    public var ticketPublicID: String
    /// The customer's question (new text of the first message).
    public var question: String
    /// The agent's answer.
    public var answer: String
    /// The ticket's intent, if classified.
    public var intent: String?
    /// The ticket's language, if detected.
    public var language: String?
    /// The stored entry's id (nil before it is stored).
    public var id: Int64?
    /// Where it stands: only approved entries are reused automatically.
    public var state: KnowledgeState
    /// The agent who wrote the answer (or who last edited it).
    public var author: String?
    /// The customer's name on the original ticket, which the personal-data screen looks for.
    public var customerName: String?
    /// The original customer's address, which the personal-data screen looks for.
    public var customerEmail: String?

    /// Creates an entry; new entries are pending until a person approves them.
    public init(
        ticketPublicID: String, question: String, answer: String, intent: String?, language: String?,
        id: Int64? = nil, state: KnowledgeState = .pending, author: String? = nil, customerName: String? = nil,
        customerEmail: String? = nil
    ) {
        self.ticketPublicID = ticketPublicID
        self.question = question
        self.answer = answer
        self.intent = intent
        self.language = language
        self.id = id
        self.state = state
        self.author = author
        self.customerName = customerName
        self.customerEmail = customerEmail
    }
}

/// Everything processing one inbound message decided, applied by the store in one transaction.
public struct ProcessingOutcome: Sendable, Hashable {
    /// What becomes of the message row.
    public enum Disposition: Sendable, Hashable {
        /// Processed, with what was done.
        case processed(summary: ProcessingSummary)
        /// Held for a person.
        case quarantined(QuarantineReason, detail: String)
    }

    /// What becomes of the message row.
    public var disposition: Disposition
    /// The message's kind (`normal`, `bounce`, ...), when it could be parsed.
    public var kind: String?
    /// The sender's address, when readable.
    public var fromAddress: String?
    /// The decoded subject, when readable.
    public var subject: String?
    /// The ticket as it should be stored after this message (new or updated), if the message has one.
    public var ticket: Ticket?
    /// Whether `ticket` is new.
    public var ticketIsNew: Bool
    /// Audit events, in order.
    public var events: [AuditEvent]
    /// Mail to queue.
    public var outbox: [OutboxDraft]
    /// Pauses to start.
    public var pauses: [AddressPause]
    /// A resolved question/answer pair to learn.
    public var knowledge: KnowledgeEntry?
    /// Addresses that hit the hourly limit of automatic mail with this message (for the flood cool-down).
    public var rateLimitHits: [String] = []
    /// The approved knowledge entry an automatic reply reused (its reuse count goes up).
    public var knowledgeReused: Int64?
    /// The words of a customer's, colleague's or third party's message, for the ticket's full-text search.
    public var searchText: String?

    /// Creates an outcome.
    public init(
        disposition: Disposition, kind: String? = nil, fromAddress: String? = nil, subject: String? = nil,
        ticket: Ticket? = nil, ticketIsNew: Bool = false, events: [AuditEvent] = [], outbox: [OutboxDraft] = [],
        pauses: [AddressPause] = [], knowledge: KnowledgeEntry? = nil
    ) {
        self.disposition = disposition
        self.kind = kind
        self.fromAddress = fromAddress
        self.subject = subject
        self.ticket = ticket
        self.ticketIsNew = ticketIsNew
        self.events = events
        self.outbox = outbox
        self.pauses = pauses
        self.knowledge = knowledge
    }
}
