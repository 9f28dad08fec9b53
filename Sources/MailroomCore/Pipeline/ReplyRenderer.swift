/// Which template to render.
public enum ReplyTemplate: Sendable, Hashable {
    /// The template of an intent (falls back to `fallback` when the intent has none).
    case intent(String)
    /// "We received your message; a person will answer."
    case acknowledgement
    /// The summary mail to the agents' inbox.
    case escalation
    /// Wraps an agent's answer sent to the customer.
    case agentRelay
    /// Any template by name (`#template NAME`).
    case named(String)
}

/// The values a template may use (see templates/README.md for their names in templates).
public struct ReplyVariables: Sendable, Hashable {
    /// A similar resolved ticket's answer, reused.
    public struct Resolution: Sendable, Hashable {
        /// The answer text.
        public var text: String
        /// The resolved ticket's public id.
        public var ticketID: String
        /// The similarity, 0...1.
        public var score: Double

        /// Creates a resolution.
        public init(text: String, ticketID: String, score: Double) {
            self.text = text
            self.ticketID = ticketID
            self.score = score
        }
    }

    /// A similar past ticket listed in an escalation.
    public struct Similar: Sendable, Hashable {
        /// Its public id.
        public var ticketID: String
        /// The similarity, 0...1.
        public var score: Double
        /// The start of its question.
        public var excerpt: String

        /// Creates an entry.
        public init(ticketID: String, score: Double, excerpt: String) {
            self.ticketID = ticketID
            self.score = score
            self.excerpt = excerpt
        }
    }

    /// What the agents' summary says.
    public struct Escalation: Sendable, Hashable {
        /// Why the message is with a person.
        public var reasons: [String]
        /// Urgency level.
        public var urgency: String
        /// Sentiment.
        public var sentiment: String
        /// Churn risk.
        public var churnRisk: String
        /// Detected language.
        public var language: String
        /// Similar past tickets.
        public var similar: [Similar]
        /// The message's subject.
        public var messageSubject: String
        /// The message's date, as written.
        public var messageDate: String

        /// Creates an escalation summary.
        public init(
            reasons: [String], urgency: String, sentiment: String, churnRisk: String, language: String,
            similar: [Similar], messageSubject: String, messageDate: String
        ) {
            self.reasons = reasons
            self.urgency = urgency
            self.sentiment = sentiment
            self.churnRisk = churnRisk
            self.language = language
            self.similar = similar
            self.messageSubject = messageSubject
            self.messageDate = messageDate
        }
    }

    /// The customer's display name, if known.
    public var customerName: String?
    /// The customer's address.
    public var customerEmail: String
    /// The customer's new text.
    public var customerText: String?
    /// The ticket's public id.
    public var ticketID: String
    /// The ticket's subject.
    public var ticketSubject: String
    /// The line carrying the hidden threading token.
    public var ticketReference: String
    /// The intent, when classified.
    public var intent: String?
    /// The calibrated confidence in the intent.
    public var intentConfidence: Double?
    /// A reused resolution.
    public var resolution: Resolution?
    /// The answering agent's name.
    public var agentName: String?
    /// The agent's answer.
    public var agentAnswer: String?
    /// The escalation summary (escalation template only).
    public var escalation: Escalation?

    /// Creates variables for a ticket.
    public init(
        customerName: String?, customerEmail: String, ticketID: String, ticketSubject: String, ticketReference: String
    ) {
        self.customerName = customerName
        self.customerEmail = customerEmail
        self.ticketID = ticketID
        self.ticketSubject = ticketSubject
        self.ticketReference = ticketReference
    }
}

/// A rendered template: plain text and an optional HTML part.
public struct RenderedReply: Sendable, Hashable {
    /// The plain text.
    public var text: String
    /// The HTML part, if the template has one.
    public var html: String?
    /// The language actually used (after falling back to the default).
    public var language: String

    /// Creates a rendered reply.
    public init(text: String, html: String?, language: String) {
        self.text = text
        self.html = html
        self.language = language
    }
}

/// Renders reply templates (implemented over swift-mustache by the app).
public protocol ReplyRenderer: Sendable {
    /// The rendered template in `language` (or the default language), or nil when it does not exist or fails.
    func render(_ template: ReplyTemplate, language: String, variables: ReplyVariables) -> RenderedReply?
}
