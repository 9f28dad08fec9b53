import MailMessage

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
        /// Who wrote the message when it is not the ticket's customer (nil for the customer).
        public var author: Author?
        /// A reply drafted for the agents to review (never sent on its own), if any.
        public var draft: String?

        /// Creates an escalation summary.
        public init(
            reasons: [String], signals: Signals, similar: [SimilarTicket] = [], messageSubject: String,
            messageDate: String, author: Author? = nil, draft: String? = nil
        ) {
            self.reasons = reasons
            self.signals = signals
            self.similar = similar
            self.messageSubject = messageSubject
            self.messageDate = messageDate
            self.author = author
            self.draft = draft
        }
    }

    /// The writer of a message on a ticket who is not its customer.
    public struct Author: Sendable, Hashable {
        /// The writer's address, display name included.
        public var address: Address
        /// A colleague on the customer's own mail, or a third party.
        public var role: MessageAuthor

        /// Creates an author.
        public init(address: Address, role: MessageAuthor) {
            self.address = address
            self.role = role
        }

        /// `Sam Stranger <sam@evil.example> (not the ticket's customer)`.
        public var line: String {
            let who = address.name.map { "\($0) <\(address.address)>" } ?? address.address
            return who + (role == .thirdParty ? " (not the ticket's customer)" : " (on the customer's mail)")
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
