import MailroomCore

/// What a template is for, which decides the variables it is given.
public enum TemplateKind: String, Sendable, Hashable, CaseIterable {
    /// The automatic answer for one intent of the model (the file is named after the intent).
    case intent
    /// Sent to the customer when the ticket is escalated to the agents.
    case acknowledgement
    /// The safe generic reply used when the chosen intent has no template.
    case fallback
    /// Wraps an agent's answer that is sent to the customer.
    case agentRelay = "agent-relay"
    /// The summary mail to the agents' inbox (staff only; English is enough).
    case escalation
    /// Any other template an admin adds (for example one an agent picks by name).
    case custom

    /// The kind of the template called `name`, given the intents of the model.
    public init(name: String, intents: Set<String>) {
        switch name {
        case TemplateKind.acknowledgement.rawValue: self = .acknowledgement
        case TemplateKind.fallback.rawValue: self = .fallback
        case TemplateKind.agentRelay.rawValue: self = .agentRelay
        case TemplateKind.escalation.rawValue: self = .escalation
        default: self = intents.contains(name) ? .intent : .custom
        }
    }

    /// Whether the rendered mail goes to the customer (and so must carry the ticket reference); staff-only
    /// templates (``ReplyTemplate/staffOnly``) are never sent to a customer, not even with `#template`.
    public var isCustomerFacing: Bool { !ReplyTemplate.staffOnly.contains(rawValue) }

    /// Whether every language must have this template (staff-only templates need only the default language).
    public var isTranslated: Bool { self != .escalation }

    /// The templates every template directory must have in the default language, besides one per intent.
    public static let requiredNames: [String] = [
        TemplateKind.acknowledgement.rawValue, TemplateKind.fallback.rawValue, TemplateKind.agentRelay.rawValue,
        TemplateKind.escalation.rawValue,
    ]
}
