extension TemplateContext {
    /// What the agents' summary mail shows about an escalated message.
    public struct Escalation: Sendable, Hashable {
        /// Why the message needs a person, one short sentence each.
        public var reasons: [String]
        /// The classifier's signals about the message.
        public var signals: Signals
        /// Similar resolved tickets, best first.
        public var similar: [SimilarTicket]
        /// Subject of the new message.
        public var messageSubject: String
        /// Date of the new message, as it should be shown (for example its Date header).
        public var messageDate: String

        /// Creates an escalation summary.
        public init(
            reasons: [String], signals: Signals, similar: [SimilarTicket] = [], messageSubject: String,
            messageDate: String
        ) {
            self.reasons = reasons
            self.signals = signals
            self.similar = similar
            self.messageSubject = messageSubject
            self.messageDate = messageDate
        }
    }

    /// The classifier's signals, already worded for people (for example `high`, `negative`).
    public struct Signals: Sendable, Hashable {
        /// Urgency estimate.
        public var urgency: String
        /// Sentiment estimate.
        public var sentiment: String
        /// Churn risk estimate.
        public var churnRisk: String
        /// Detected language of the message.
        public var language: String

        /// Creates the signals.
        public init(urgency: String, sentiment: String, churnRisk: String, language: String) {
            self.urgency = urgency
            self.sentiment = sentiment
            self.churnRisk = churnRisk
            self.language = language
        }
    }

    /// A similar resolved ticket, for the agents.
    public struct SimilarTicket: Sendable, Hashable {
        /// Its public id.
        public var ticketId: String
        /// Similarity score in 0...1.
        public var score: Double
        /// A short excerpt of its answer.
        public var excerpt: String

        /// Creates a similar-ticket entry.
        public init(ticketId: String, score: Double, excerpt: String) {
            self.ticketId = ticketId
            self.score = score
            self.excerpt = excerpt
        }
    }
}
