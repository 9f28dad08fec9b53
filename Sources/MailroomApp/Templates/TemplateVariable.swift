/// One variable that templates can use, as documented in `templates/README.md`.
public struct TemplateVariable: Sendable, Hashable {
    /// What a variable holds.
    public enum Shape: Sendable, Hashable {
        /// A string (`{{name}}`).
        case text
        /// A list of strings (`{{#name}}{{.}}{{/name}}`).
        case list
        /// A list of records with these fields (`{{#name}}{{field}}{{/name}}`).
        case records([String])
    }

    /// The dotted name used in templates, for example `customer.name`.
    public let name: String
    /// What it means.
    public let meaning: String
    /// An example value.
    public let example: String
    /// What it holds.
    public let shape: Shape
    /// The kinds of template it is set for.
    public let kinds: Set<TemplateKind>

    /// Creates a variable description.
    public init(name: String, meaning: String, example: String, shape: Shape = .text, kinds: Set<TemplateKind>) {
        self.name = name
        self.meaning = meaning
        self.example = example
        self.shape = shape
        self.kinds = kinds
    }
}

extension TemplateVariable {
    /// Set for every template.
    private static let everywhere = Set(TemplateKind.allCases)
    /// Set for the intent replies, the fallback and custom templates.
    private static let replies: Set<TemplateKind> = [.intent, .fallback, .custom]

    /// Every variable a template can use, in the order of the README table.
    public static let all: [TemplateVariable] = common + optional + escalation

    private static let common: [TemplateVariable] = [
        .init(
            name: "customer.name",
            meaning: "Display name of the sender, or the local part of the address; never empty. Written by the "
                + "sender: for the agents' eyes, never in a greeting",
            example: "Anna Schmidt", kinds: everywhere),
        .init(
            name: "customer.firstName",
            meaning: "A plausible first name from the sender's display name; absent when the name does not look like "
                + "a person's (greet without a name)",
            example: "Anna", kinds: everywhere),
        .init(
            name: "customer.email", meaning: "Sender's address", example: "anna.schmidt@example.org", kinds: everywhere),
        .init(name: "ticket.id", meaning: "Public ticket id", example: "MR-7K4QX2", kinds: everywhere),
        .init(
            name: "ticket.subject", meaning: "Subject of the ticket; absent when empty", example: "Where is my order?",
            kinds: everywhere),
        .init(
            name: "ticket.reference", meaning: "Reference line with the hidden threading token, filled by the gateway",
            example: "[ref:MR-7K4QX2:5f2c9a]", kinds: everywhere),
        .init(
            name: "intent.name", meaning: "Intent chosen by the classifier", example: "track_order", kinds: everywhere),
        .init(
            name: "intent.label", meaning: "Human label of the intent in the template's language",
            example: "order tracking", kinds: everywhere),
        .init(
            name: "intent.confidence", meaning: "Calibrated confidence of the intent, as a percentage", example: "92%",
            kinds: everywhere),
        .init(
            name: "company.name", meaning: "Name of the shop (configuration)", example: "Example Shop",
            kinds: everywhere),
        .init(
            name: "support.address", meaning: "Address customers write to (configuration)",
            example: "support@example.com", kinds: everywhere),
        .init(
            name: "language", meaning: "Language of the template variant being rendered", example: "de",
            kinds: everywhere),
    ]

    private static let optional: [TemplateVariable] = [
        .init(
            name: "resolution.text", meaning: "Answer of a similar resolved ticket that scored above the threshold",
            example: "Your parcel is handed to the carrier within two working days...", kinds: replies),
        .init(
            name: "resolution.ticketId", meaning: "Id of that resolved ticket", example: "MR-2B8DX4", kinds: replies),
        .init(name: "resolution.score", meaning: "Its similarity score (0 to 1)", example: "0.87", kinds: replies),
        .init(
            name: "agent.name", meaning: "Name of the agent who answered", example: "Jonas Weber",
            kinds: [.agentRelay, .custom]),
        .init(
            name: "agent.answer", meaning: "The agent's answer to send to the customer",
            example: "I have asked the carrier to check the parcel...", kinds: [.agentRelay, .custom]),
    ]

    private static let escalation: [TemplateVariable] = [
        .init(
            name: "escalation.reasons", meaning: "Why the message needs a person",
            example: "[\"intent complaint is always escalated\"]", shape: .list, kinds: [.escalation]),
        .init(name: "signals.urgency", meaning: "Urgency estimate", example: "high", kinds: [.escalation]),
        .init(name: "signals.sentiment", meaning: "Sentiment estimate", example: "negative", kinds: [.escalation]),
        .init(name: "signals.churnRisk", meaning: "Churn risk estimate", example: "medium", kinds: [.escalation]),
        .init(
            name: "signals.language", meaning: "Detected language of the message", example: "de", kinds: [.escalation]),
        .init(
            name: "similar", meaning: "Similar resolved tickets, best first",
            example: "[{ticketId: MR-2B8DX4, score: 0.87, excerpt: ...}]",
            shape: .records(["ticketId", "score", "excerpt"]), kinds: [.escalation]),
        .init(
            name: "customer.text", meaning: "The customer's new text (quotes and signature removed)",
            example: "Hello, my order has not arrived...", kinds: [.escalation]),
        .init(
            name: "message.subject", meaning: "Subject of the new message", example: "Re: Where is my order?",
            kinds: [.escalation]),
        .init(
            name: "message.date", meaning: "Date of the new message", example: "Fri, 21 Nov 2025 10:42:07 +0100",
            kinds: [.escalation]),
        .init(
            name: "escalation.author",
            meaning: "Who wrote the message when it is not the ticket's customer; absent for the customer",
            example: "Sam Stranger <sam@evil.example> (not the ticket's customer)", kinds: [.escalation]),
        .init(
            name: "escalation.thirdParty",
            meaning: "Present when the writer is a third party: an agent's reply reaches the customer only with #relay",
            example: "yes", kinds: [.escalation]),
        .init(
            name: "escalation.draft",
            meaning: "A reply drafted for the agents to review, never sent on its own; absent when there is none",
            example: "Thank you for your message...", kinds: [.escalation]),
    ]

    /// The variable called `name`, if there is one.
    public static func named(_ name: String) -> TemplateVariable? {
        all.first { $0.name == name }
    }
}
