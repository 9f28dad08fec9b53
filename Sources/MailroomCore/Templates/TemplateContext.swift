import MailMessage

/// Everything a template can show about one reply, before it is turned into Mustache variables.
///
/// The gateway fills it from a ticket; `templates/README.md` documents each variable it becomes. Optional
/// parts that are `nil` are left out, so `{{#resolution}}…{{/resolution}}` sections render only when set.
public struct TemplateContext: Sendable, Hashable {
    /// The customer who wrote.
    public struct Customer: Sendable, Hashable {
        /// Display name from the From header, if any.
        public var displayName: String?
        /// The customer's address.
        public var email: String
        /// The customer's new text (quotes and signature removed), for the escalation summary.
        public var text: String?

        /// Creates a customer.
        public init(displayName: String? = nil, email: String, text: String? = nil) {
            self.displayName = displayName
            self.email = email
            self.text = text
        }

        /// Creates a customer from a parsed sender address.
        public init(address: Address, text: String? = nil) {
            self.init(displayName: address.name, email: address.address, text: text)
        }

        /// A plausible first name from the display name (``GreetingName``), or nil: what customer-facing
        /// templates greet by.
        public var firstName: String? { GreetingName.firstName(from: displayName) }

        /// The display name, or else the local part of the address, or else the address: never empty. For the
        /// agents' eyes; customer-facing templates greet by ``firstName``.
        public var name: String {
            if let displayName, case let trimmed = displayName.trimmingWhitespace, !trimmed.isEmpty { return trimmed }
            let local = Address(address: email.trimmingWhitespace).localPart
            if !local.isEmpty { return local }
            return email.trimmingWhitespace.isEmpty ? "customer" : email.trimmingWhitespace
        }
    }

    /// The ticket the reply belongs to.
    public struct Ticket: Sendable, Hashable {
        /// Public id, like `MR-7K4QX2`.
        public var id: String
        /// Subject of the ticket.
        public var subject: String
        /// The reference line with the hidden threading token.
        public var reference: String

        /// Creates a ticket description.
        public init(id: String, subject: String, reference: String) {
            self.id = id
            self.subject = subject
            self.reference = reference
        }
    }

    /// The intent the classifier chose.
    public struct Intent: Sendable, Hashable {
        /// Intent name, like `track_order`.
        public var name: String
        /// Calibrated confidence in 0...1, if known.
        public var confidence: Double?

        /// Creates an intent description.
        public init(name: String, confidence: Double? = nil) {
            self.name = name
            self.confidence = confidence
        }
    }

    /// A similar resolved ticket whose answer the reply reuses.
    public struct Resolution: Sendable, Hashable {
        /// The answer text to reuse.
        public var text: String
        /// Id of the resolved ticket.
        public var ticketId: String
        /// Similarity score in 0...1.
        public var score: Double

        /// Creates a resolution.
        public init(text: String, ticketId: String, score: Double) {
            self.text = text
            self.ticketId = ticketId
            self.score = score
        }
    }

    /// An agent's answer to relay to the customer.
    public struct Agent: Sendable, Hashable {
        /// The agent's name, if known.
        public var name: String?
        /// The answer.
        public var answer: String

        /// Creates an agent answer.
        public init(name: String? = nil, answer: String) {
            self.name = name
            self.answer = answer
        }
    }

    /// The shop's own details, from configuration.
    public struct Company: Sendable, Hashable {
        /// The shop's name.
        public var name: String
        /// The address customers write to.
        public var supportAddress: String

        /// Creates the company details.
        public init(name: String, supportAddress: String) {
            self.name = name
            self.supportAddress = supportAddress
        }
    }

    /// The customer; always set.
    public var customer: Customer
    /// The ticket; always set.
    public var ticket: Ticket
    /// The shop; always set.
    public var company: Company
    /// The classified intent, if any.
    public var intent: Intent?
    /// The reused answer of a similar resolved ticket, when one scored above the threshold.
    public var resolution: Resolution?
    /// The agent's answer, for `agent-relay`.
    public var agent: Agent?
    /// Why and how the ticket is escalated, for `escalation`.
    public var escalation: Escalation?

    /// Creates a context; the optional parts default to absent.
    public init(
        customer: Customer, ticket: Ticket, company: Company, intent: Intent? = nil, resolution: Resolution? = nil,
        agent: Agent? = nil, escalation: Escalation? = nil
    ) {
        self.customer = customer
        self.ticket = ticket
        self.company = company
        self.intent = intent
        self.resolution = resolution
        self.agent = agent
        self.escalation = escalation
    }
}
