/// Why a message is sent. Stored as these raw values.
public enum OutboxPurpose: String, Sendable, Hashable, Codable, CaseIterable {
    /// An automatic answer from a template.
    case autoReply = "auto_reply"
    /// "We got your message, a person will answer" (sent when escalated).
    case acknowledgement
    /// The summary mail to the agents' inbox.
    case escalation
    /// An agent's answer relayed to the customer.
    case agentRelay = "agent_relay"
    /// A customer's follow-up forwarded to the agents on an escalated ticket.
    case followUp = "follow_up"
    /// A template an agent asked for with `#template NAME`.
    case agentTemplate = "agent_template"
    /// An alert to `alerts.to` (a channel's health changed, SLA breaches).
    case alert

    /// Whether mail of this purpose is automatic (RFC 3834 headers, loop limits apply).
    public var isAutomatic: Bool { self == .autoReply || self == .acknowledgement }
}

/// A message the processor wants sent: rendered, with its envelope, waiting in the outbox.
public struct OutboxDraft: Sendable, Hashable {
    /// Why it is sent.
    public var purpose: OutboxPurpose
    /// The envelope sender (MAIL FROM).
    public var envelopeFrom: String
    /// The envelope recipients (RCPT TO).
    public var recipients: [String]
    /// Its Message-ID (without brackets): reused on every retry, so a resend is recognisable.
    public var messageID: String
    /// The subject, for ops views.
    public var subject: String
    /// The complete message, CRLF line ends.
    public var raw: [UInt8]

    /// Creates a draft.
    public init(
        purpose: OutboxPurpose, envelopeFrom: String, recipients: [String], messageID: String, subject: String,
        raw: [UInt8]
    ) {
        self.purpose = purpose
        self.envelopeFrom = envelopeFrom
        self.recipients = recipients
        self.messageID = messageID
        self.subject = subject
        self.raw = raw
    }
}
