import Foundation
import MailroomCore

/// `GET /api/v1/tickets/{id}` answer.
public struct TicketDetail: Codable, Sendable {
    /// The ticket.
    public var ticket: TicketSummary
    /// `negative`, `neutral` or `positive`.
    public var sentiment: String?
    /// `low`, `medium` or `high`.
    public var churnRisk: String?
    /// How often it was reopened.
    public var reopenCount: Int
    /// Its stored messages, oldest first.
    public var messages: [MessageView]
    /// Its audit trail, oldest first.
    public var events: [EventView]
    /// Its outgoing mail, newest first.
    public var outbox: [OutboxView]
    /// The latest classification's intents, best first, with their scores (the first is the calibrated
    /// confidence; the others the model's probabilities).
    public var intents: [IntentScore]
    /// The latest signals with their scores and the evidence found.
    public var signals: [SignalView]
    /// The language model's draft reply for the latest classified message (not sent; `send-draft` sends it).
    public var draft: String?

    /// Creates a value.
    public init(
        ticket: TicketSummary, sentiment: String?, churnRisk: String?, reopenCount: Int, messages: [MessageView],
        events: [EventView], outbox: [OutboxView], intents: [IntentScore] = [], signals: [SignalView] = []
    ) {
        self.ticket = ticket
        self.sentiment = sentiment
        self.churnRisk = churnRisk
        self.reopenCount = reopenCount
        self.messages = messages
        self.events = events
        self.outbox = outbox
        self.intents = intents
        self.signals = signals
    }
}

/// One signal of a classification: its name, level, score and the evidence found in the text.
public struct SignalView: Codable, Sendable, Hashable {
    /// `urgency`, `sentiment`, `churnRisk` or `language`.
    public var name: String
    /// The level (e.g. `high`), or the language code.
    public var level: String
    /// The score behind the level.
    public var score: Double
    /// The words or phrases that led to it (customer text: escape it when shown).
    public var evidence: [String]

    /// Creates a value.
    public init(name: String, level: String, score: Double, evidence: [String]) {
        self.name = name
        self.level = level
        self.score = score
        self.evidence = evidence
    }
}
