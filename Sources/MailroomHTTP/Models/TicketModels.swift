import Foundation
import MailroomCore

/// A ticket in a list.
public struct TicketSummary: Codable, Sendable, Hashable {
    /// The public id, e.g. `MR-7K4QX2` (for a message or outgoing mail: its row id).
    public var id: String
    /// The subject.
    public var subject: String
    /// The customer's address.
    public var customer: String
    /// The customer's display name, as written by the sender (escape it when shown).
    public var customerName: String?
    /// Where it stands.
    public var status: TicketStatus
    /// The classified intent.
    public var intent: String?
    /// The calibrated confidence in the intent (0...1).
    public var confidence: Double?
    /// The detected language.
    public var language: String?
    /// `low`, `medium`, `high` or `critical`.
    public var urgency: String?
    /// When it arrived.
    public var receivedAt: Date
    /// When anything last changed.
    public var updatedAt: Date
    /// When the customer first got an answer.
    public var firstResponseAt: Date?
    /// When it was answered by a person or closed.
    public var resolvedAt: Date?
    /// When the first answer is due under the SLA.
    public var firstResponseDueAt: Date?
    /// When it should be resolved under the SLA.
    public var resolutionDueAt: Date?
    /// The SLA as of now: `breached`, `dueSoon` (within the hour), `met`, or `running`; absent without targets.
    public var sla: String?

    /// The summary of a ticket, its SLA as of `now`.
    public init(_ ticket: Ticket, now: Date = Date()) {
        id = ticket.publicID
        subject = ticket.subject
        customer = ticket.customerEmail
        customerName = ticket.customerName
        status = ticket.status
        intent = ticket.intent
        confidence = ticket.confidence
        language = ticket.language
        urgency = ticket.urgency
        receivedAt = ticket.receivedAt
        updatedAt = ticket.updatedAt
        firstResponseAt = ticket.firstResponseAt
        resolvedAt = ticket.resolvedAt
        firstResponseDueAt = ticket.firstResponseDueAt
        resolutionDueAt = ticket.resolutionDueAt
        sla = Self.sla(ticket, now: now)
    }

    /// The SLA badge of a ticket as of `now`.
    static func sla(_ ticket: Ticket, now: Date) -> String? {
        guard ticket.firstResponseDueAt != nil || ticket.resolutionDueAt != nil else { return nil }
        let facts = KPIFacts(
            receivedAt: ticket.receivedAt, status: ticket.status, firstResponseAt: ticket.firstResponseAt,
            resolvedAt: ticket.resolvedAt, firstResponseDueAt: ticket.firstResponseDueAt,
            resolutionDueAt: ticket.resolutionDueAt)
        switch KPIContribution.slaState(facts, now: now).within {
        case false: return "breached"
        case true: return "met"
        default:
            if let due = KPIContribution.nextDue(facts), due <= now.addingTimeInterval(3600) { return "dueSoon" }
            return "running"
        }
    }
}

/// `GET /api/v1/tickets` answer.
public struct TicketList: Codable, Sendable {
    /// The tickets, newest first.
    public var tickets: [TicketSummary]
    /// Pass as `cursor` for the next page; absent on the last page.
    public var nextCursor: String?

    /// Creates a value.
    public init(tickets: [TicketSummary], nextCursor: String?) {
        self.tickets = tickets
        self.nextCursor = nextCursor
    }
}

/// The filters of `GET /api/v1/tickets`, validated.
public struct TicketFilter: Sendable, Hashable {
    /// Where it stands.
    public var status: TicketStatus?
    /// The classified intent.
    public var intent: String?
    /// The detected language.
    public var language: String?
    /// The customer's address.
    public var customer: String?
    /// Free text searched in subject, text and customer.
    public var q: String?
    /// Received at or after.
    public var since: Date?
    /// Received before.
    public var until: Date?
    /// At most this many (1...200).
    public var limit: Int
    /// Only tickets older than this cursor (from `nextCursor`).
    public var cursor: Int64?

    /// Creates a value.
    public init(
        status: TicketStatus? = nil, intent: String? = nil, language: String? = nil, customer: String? = nil,
        q: String? = nil, since: Date? = nil, until: Date? = nil, limit: Int = 50, cursor: Int64? = nil
    ) {
        self.status = status
        self.intent = intent
        self.language = language
        self.customer = customer
        self.q = q
        self.since = since
        self.until = until
        self.limit = limit
        self.cursor = cursor
    }
}

/// One message of a ticket.
public struct MessageView: Codable, Sendable, Hashable {
    /// The public id, e.g. `MR-7K4QX2` (for a message or outgoing mail: its row id).
    public var id: Int64
    /// `customer`, `colleague`, `thirdParty`, `agent`, `machine` or `api`.
    public var role: String
    /// Where it came from: `imap`, `maildir`, `ingest`, `web`, `api`.
    public var source: String
    /// The sender's address.
    public var from: String?
    /// The subject.
    public var subject: String?
    /// When it arrived.
    public var receivedAt: Date
    /// `normal`, `bounce`, `auto-reply`, ...
    public var kind: String?
    /// Where it stands.
    public var state: String
    /// What processing did.
    public var outcome: String?
    /// The sender's new text (quotes and signature removed), plain text; never HTML.
    public var text: String

    /// Creates a value.
    public init(
        id: Int64, role: String, source: String, from: String?, subject: String?, receivedAt: Date, kind: String?,
        state: String, outcome: String?, text: String
    ) {
        self.id = id
        self.role = role
        self.source = source
        self.from = from
        self.subject = subject
        self.receivedAt = receivedAt
        self.kind = kind
        self.state = state
        self.outcome = outcome
        self.text = text
    }
}

/// One step of a ticket's audit trail.
public struct EventView: Codable, Sendable, Hashable {
    /// When.
    public var at: Date
    /// What happened.
    public var type: String
    /// A reason code, when the step has one.
    public var reason: String?
    /// A human-readable detail.
    public var detail: String

    /// Creates a value.
    public init(at: Date, type: String, reason: String?, detail: String) {
        self.at = at
        self.type = type
        self.reason = reason
        self.detail = detail
    }
}

/// One outgoing mail.
public struct OutboxView: Codable, Sendable, Hashable {
    /// The public id, e.g. `MR-7K4QX2` (for a message or outgoing mail: its row id).
    public var id: Int64
    /// The ticket.
    public var ticket: String?
    /// Why it is sent.
    public var purpose: String
    /// The envelope recipients.
    public var recipients: [String]
    /// The subject.
    public var subject: String
    /// Where it stands.
    public var state: OutboxState
    /// Send attempts so far.
    public var attempts: Int
    /// The last error, if any.
    public var lastError: String?
    /// `transient`, `configuration` (our setup: kept and retried) or `permanent`.
    public var errorClass: String?
    /// When it was made.
    public var createdAt: Date
    /// The next send attempt.
    public var nextAttemptAt: Date
    /// The mail's text body (in a ticket's detail only).
    public var text: String?

    /// Creates a value.
    public init(
        id: Int64, ticket: String?, purpose: String, recipients: [String], subject: String, state: OutboxState,
        attempts: Int, lastError: String?, errorClass: String?, createdAt: Date, nextAttemptAt: Date
    ) {
        self.id = id
        self.ticket = ticket
        self.purpose = purpose
        self.recipients = recipients
        self.subject = subject
        self.state = state
        self.attempts = attempts
        self.lastError = lastError
        self.errorClass = errorClass
        self.createdAt = createdAt
        self.nextAttemptAt = nextAttemptAt
    }
}

/// `POST /api/v1/tickets` body: a web form.
public struct WebFormRequest: Codable, Sendable {
    /// The name.
    public var name: String
    /// The email address.
    public var email: String
    /// The subject.
    public var subject: String
    /// The message text.
    public var message: String
}

/// `POST /api/v1/tickets` answer.
public struct TicketCreated: Codable, Sendable {
    /// The ticket the form opened (or joined), when processing finished.
    public var id: String?
    /// `auto-replied`, `escalated`, ...
    public var outcome: String

    /// Creates a value.
    public init(id: String?, outcome: String) {
        self.id = id
        self.outcome = outcome
    }
}

/// `POST /api/v1/tickets/{id}/reply|note` body.
public struct TextRequest: Codable, Sendable {
    /// The sender's new text (quotes and signature removed), plain text; never HTML.
    public var text: String
}

/// An action on a ticket.
public enum TicketAction: Sendable, Hashable {
    /// Answer the customer (through the agents' relay path).
    case reply(String)
    /// Keep an internal note.
    case note(String)
    /// Close, sending the text first when there is one.
    case close(String?)
    /// Open again.
    case reopen
    /// Send the language model's draft as written (like `#send-draft`); the text is kept as an internal note.
    case sendDraft(String?)
}

/// What an action did.
public struct ActionResult: Codable, Sendable {
    /// The ticket.
    public var ticket: TicketSummary
    /// What processing did.
    public var outcome: String

    /// Creates a value.
    public init(ticket: TicketSummary, outcome: String) {
        self.ticket = ticket
        self.outcome = outcome
    }
}

/// `POST /api/v1/tickets/{id}/evaluate` body.
public struct EvaluateRequest: Codable, Sendable {
    /// Whether to carry the decision out (default false: a dry run).
    public var apply: Bool?
}

/// `POST /api/v1/tickets/{id}/evaluate` answer: what the pipeline would decide now, and why.
public struct EvaluationView: Codable, Sendable {
    /// The classified intent.
    public var intent: String?
    /// The calibrated confidence in the intent (0...1).
    public var confidence: Double?
    /// The next most likely intents with their scores.
    public var alternatives: [IntentScore]
    /// `low`, `medium`, `high` or `critical`.
    public var urgency: String
    /// `negative`, `neutral` or `positive`.
    public var sentiment: String
    /// `low`, `medium` or `high`.
    public var churnRisk: String
    /// The detected language.
    public var language: String
    /// `autoReply`, `escalate` or `suppress`.
    public var decision: String
    /// The decision's reasons.
    public var reasons: [ReasonView]
    /// One line for people.
    public var explanation: String
    /// Whether the decision was carried out (`apply: true`).
    public var applied: Bool

    /// Creates a value.
    public init(
        intent: String?, confidence: Double?, alternatives: [IntentScore], urgency: String, sentiment: String,
        churnRisk: String, language: String, decision: String, reasons: [ReasonView], explanation: String,
        applied: Bool
    ) {
        self.intent = intent
        self.confidence = confidence
        self.alternatives = alternatives
        self.urgency = urgency
        self.sentiment = sentiment
        self.churnRisk = churnRisk
        self.language = language
        self.decision = decision
        self.reasons = reasons
        self.explanation = explanation
        self.applied = applied
    }
}

/// An intent with its score.
public struct IntentScore: Codable, Sendable, Hashable {
    /// The classified intent.
    public var intent: String
    /// The score (0...1).
    public var score: Double

    /// Creates a value.
    public init(intent: String, score: Double) {
        self.intent = intent
        self.score = score
    }
}

/// A decision's reason.
public struct ReasonView: Codable, Sendable, Hashable {
    /// A code from a closed set.
    public var code: String
    /// A human-readable detail.
    public var detail: String

    /// Creates a value.
    public init(code: String, detail: String) {
        self.code = code
        self.detail = detail
    }
}
