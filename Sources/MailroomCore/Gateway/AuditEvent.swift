/// The kinds of steps recorded in the audit trail. Stored as these raw values; a closed set (metric-safe).
public enum AuditEventType: String, Sendable, Hashable, Codable, CaseIterable {
    /// Raw bytes committed.
    case ingested
    /// A second copy of a message already stored (same content or Message-ID), not stored again.
    case duplicate
    /// Could not be processed; held for a person with a reason code.
    case quarantined
    /// Threaded into an existing ticket (with the method that matched).
    case threaded
    /// A new ticket was opened.
    case opened
    /// Intent, confidence and signals.
    case classified
    /// The decision and its reasons.
    case decided
    /// An outgoing mail was queued.
    case queued
    /// An outgoing mail was accepted by the SMTP server.
    case sent
    /// Sending failed for now; will retry.
    case deferred
    /// Sending failed for good; a person must look.
    case failed
    /// Handed to the agents.
    case escalated
    /// An agent's answer was relayed to the customer.
    case agentAnswered
    /// An agent's internal note (`#note`).
    case note
    /// Closed by an agent.
    case closed
    /// A customer wrote again after an answer.
    case reopened
    /// A customer's follow-up on a ticket that is with the agents.
    case followUp
    /// Nothing automatic was sent, and why.
    case suppressed
    /// A bounce of our own mail, linked to its ticket.
    case bounced
    /// Automatic mail to an address paused (bounce or flood).
    case paused
    /// A question/answer pair entered the knowledge base.
    case learned
    /// Mail from an address that may not answer as an agent, or an agent's instruction that was not carried out.
    case rejected
    /// A check on the sender worth recording (a missing Return-Path, ...).
    case checked
    /// A different message arrived with the Message-ID of one already stored (web forms, ticketing tools).
    case reusedMessageID
    /// A knowledge entry was edited, approved or rejected by a person.
    case reviewed
    /// An outgoing mail was put back in the queue by a person (`mailroom outbox retry`).
    case retried
    /// An entry in the mail source could not be read (skipped, named in the detail).
    case skipped
    /// The customer answered "did this answer your question?" (yes or no) through a feedback link.
    case feedback
    /// A channel's health changed (an alert), or tickets breached their SLA; the detail says what was sent.
    case alerted
    /// A person asked what the pipeline would decide now (`evaluate`), and whether it was acted on.
    case evaluated
    /// A language model was asked for a triage: its answer or why it was refused, with backend, model, prompt
    /// version and hash, schema version, latency and the raw answer (JSON in the detail).
    case triaged
}

/// One step of the audit trail, before it is stored.
public struct AuditEvent: Sendable, Hashable {
    /// What happened.
    public var type: AuditEventType
    /// A reason code from a closed set, when the step has one (e.g. `lowConfidence`, `rateLimited`).
    public var reason: String?
    /// A short human-readable detail (never a message body or a secret).
    public var detail: String
    /// The Message-ID of the outbox mail this event is about, if any.
    public var outboxMessageID: String?

    /// Creates an event.
    public init(_ type: AuditEventType, reason: String? = nil, _ detail: String, outboxMessageID: String? = nil) {
        self.type = type
        self.reason = reason
        self.detail = detail
        self.outboxMessageID = outboxMessageID
    }
}
