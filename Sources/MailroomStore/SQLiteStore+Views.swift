import Foundation
import GRDB
import MailroomCore

/// A ticket as ops views show it.
public struct TicketSummary: Sendable, Hashable, Codable {
    /// The public id.
    public var publicID: String
    /// The customer's address.
    public var customer: String
    /// The subject.
    public var subject: String
    /// The status.
    public var status: String
    /// The intent, if classified.
    public var intent: String?
    /// The calibrated confidence.
    public var confidence: Double?
    /// The language.
    public var language: String?
    /// The latest decision's summary (`auto-replied`, `escalated`, ...).
    public var decision: String?
    /// The latest decision's reason codes and explanation.
    public var reason: String?
    /// When the ticket was opened.
    public var receivedAt: Date
    /// When the customer first got an answer.
    public var firstResponseAt: Date?

    /// Creates a value.
    public init(
        publicID: String, customer: String, subject: String, status: String, intent: String?, confidence: Double?,
        language: String?, decision: String?, reason: String?, receivedAt: Date, firstResponseAt: Date?
    ) {
        self.publicID = publicID
        self.customer = customer
        self.subject = subject
        self.status = status
        self.intent = intent
        self.confidence = confidence
        self.language = language
        self.decision = decision
        self.reason = reason
        self.receivedAt = receivedAt
        self.firstResponseAt = firstResponseAt
    }
}

/// One audit event as ops views show it.
public struct EventSummary: Sendable, Hashable, Codable {
    /// When.
    public var at: Date
    /// The event type.
    public var type: String
    /// The reason code, if any.
    public var reason: String?
    /// The detail.
    public var detail: String

    /// Creates a value.
    public init(at: Date, type: String, reason: String?, detail: String) {
        self.at = at
        self.type = type
        self.reason = reason
        self.detail = detail
    }
}

/// A message held for a person.
public struct QuarantineSummary: Sendable, Hashable, Codable {
    /// The message row.
    public var messageRowID: Int64
    /// The reason code.
    public var reason: String
    /// What went wrong.
    public var detail: String
    /// Who sent it, when readable.
    public var from: String?
    /// Its subject, when readable.
    public var subject: String?
    /// When it was held.
    public var createdAt: Date

    /// Creates a value.
    public init(messageRowID: Int64, reason: String, detail: String, from: String?, subject: String?, createdAt: Date) {
        self.messageRowID = messageRowID
        self.reason = reason
        self.detail = detail
        self.from = from
        self.subject = subject
        self.createdAt = createdAt
    }
}

/// An outbox row as ops views show it.
public struct OutboxSummary: Sendable, Hashable, Codable {
    /// The row id.
    public var id: Int64
    /// The ticket's public id.
    public var ticket: String?
    /// Why it is sent.
    public var purpose: String
    /// Recipients.
    public var recipients: [String]
    /// The subject.
    public var subject: String
    /// Where it stands.
    public var state: OutboxState
    /// Attempts so far.
    public var attempts: Int
    /// The last error, if any.
    public var lastError: String?
    /// What caused the last error: `transient`, `configuration` (our setup: kept and retried) or `permanent`.
    public var errorClass: String?
    /// When it was queued.
    public var createdAt: Date
    /// The next attempt, for queued and deferred mail.
    public var nextAttemptAt: Date

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

extension SQLiteStore: ViewStore {
    /// The most recent tickets with their latest decision.
    public func ticketSummaries(limit: Int = 100) throws -> [TicketSummary] {
        try pool.read { db in
            let sql = """
                SELECT t.publicId, t.customerEmail, t.subject, t.status, t.intent, t.confidence, t.language,
                       t.receivedAt, t.firstResponseAt,
                       (SELECT e.reason FROM event e WHERE e.ticketId = t.id AND e.type IN ('decided', 'suppressed')
                        ORDER BY e.id DESC LIMIT 1) AS reason,
                       (SELECT e.detail FROM event e WHERE e.ticketId = t.id AND e.type IN ('decided', 'suppressed')
                        ORDER BY e.id DESC LIMIT 1) AS explanation,
                       (SELECT m.outcome FROM message m WHERE m.ticketId = t.id ORDER BY m.id DESC LIMIT 1) AS decision
                FROM ticket t ORDER BY t.id DESC LIMIT ?
                """
            return try Row.fetchAll(db, sql: sql, arguments: [limit]).map { row in
                let reasonCode: String? = row["reason"]
                let explanation: String? = row["explanation"]
                return TicketSummary(
                    publicID: row["publicId"], customer: row["customerEmail"], subject: row["subject"],
                    status: row["status"], intent: row["intent"], confidence: row["confidence"],
                    language: row["language"], decision: row["decision"],
                    reason: [reasonCode, explanation].compactMap { $0 }.joined(separator: ": "),
                    receivedAt: row["receivedAt"], firstResponseAt: row["firstResponseAt"])
            }
        }
    }

    /// The ticket with this public id.
    public func ticket(publicID: String) throws -> Ticket? {
        try pool.read { db in try StoreLookup(db: db).ticket(publicID: publicID) }
    }

    /// The events of one stored message (ingest, duplicates, processing), oldest first.
    public func messageEvents(rowID: Int64) throws -> [EventSummary] {
        try pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT at, type, reason, detail FROM event WHERE messageId = ? ORDER BY id",
                arguments: [rowID]
            ).map { EventSummary(at: $0["at"], type: $0["type"], reason: $0["reason"], detail: $0["detail"]) }
        }
    }

    /// The audit trail of one ticket, oldest first.
    public func events(ticket publicID: String) throws -> [EventSummary] {
        try pool.read { db in
            let sql = """
                SELECT e.at, e.type, e.reason, e.detail FROM event e JOIN ticket t ON t.id = e.ticketId
                WHERE t.publicId = ? ORDER BY e.id
                """
            return try Row.fetchAll(db, sql: sql, arguments: [publicID]).map {
                EventSummary(at: $0["at"], type: $0["type"], reason: $0["reason"], detail: $0["detail"])
            }
        }
    }

    /// Messages held for a person, newest first.
    public func quarantined() throws -> [QuarantineSummary] {
        try pool.read { db in
            let sql = """
                SELECT q.messageId, q.reason, q.detail, q.createdAt, m.fromAddress, m.subject FROM quarantine q
                JOIN message m ON m.id = q.messageId WHERE q.releasedAt IS NULL AND q.dismissedAt IS NULL
                ORDER BY q.id DESC
                """
            return try Row.fetchAll(db, sql: sql).map {
                QuarantineSummary(
                    messageRowID: $0["messageId"], reason: $0["reason"], detail: $0["detail"], from: $0["fromAddress"],
                    subject: $0["subject"], createdAt: $0["createdAt"])
            }
        }
    }

    /// Outbox rows in the given states (all when empty), newest first (without their message bytes).
    public func outboxSummaries(states: [OutboxState] = [], ticket publicID: String? = nil, limit: Int = 200) throws
        -> [OutboxSummary]
    {
        try pool.read { db in
            var sql = """
                SELECT o.id, t.publicId, o.purpose, o.recipients, o.subject, o.state, o.attempts, o.lastError,
                       o.errorClass, o.createdAt, o.nextAttemptAt
                FROM outbox o LEFT JOIN ticket t ON t.id = o.ticketId
                """
            var conditions: [String] = []
            var arguments: [any DatabaseValueConvertible] = []
            if !states.isEmpty {
                conditions.append("o.state IN (\(states.map { _ in "?" }.joined(separator: ", ")))")
                arguments = states
            }
            if let publicID {
                conditions.append("t.publicId = ?")
                arguments.append(publicID)
            }
            if !conditions.isEmpty { sql += " WHERE " + conditions.joined(separator: " AND ") }
            sql += " ORDER BY o.id DESC LIMIT ?"
            arguments.append(limit)
            return try Row.fetchAll(db, sql: sql, arguments: StatementArguments(arguments)).map { row in
                let recipients: String = row[3]
                return OutboxSummary(
                    id: row[0], ticket: row[1], purpose: row[2],
                    recipients: StoredList.strings(recipients) ?? [],
                    subject: row[4], state: row[5], attempts: row[6], lastError: row[7], errorClass: row[8],
                    createdAt: row[9], nextAttemptAt: row[10])
            }
        }
    }

    /// How many outbox rows are in the given states.
    public func outboxCount(states: [OutboxState]) throws -> Int {
        try pool.read { db in try OutboxRecord.filter(states.contains(Column("state"))).fetchCount(db) }
    }

    /// Counts of messages by state, for checks and ops views.
    public func messageCounts() throws -> [String: Int] {
        try pool.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT state, COUNT(*) FROM message GROUP BY state")
            return Dictionary(uniqueKeysWithValues: rows.map { (($0[0] as String), ($0[1] as Int)) })
        }
    }
}

/// A mailbox's intake health, for the ops views and the silence alarm.
public struct MailboxSummary: Sendable, Hashable, Codable {
    /// The source identity.
    public var name: String
    /// The UIDVALIDITY and last UID committed.
    public var checkpoint: String
    /// The last poll.
    public var lastPollAt: Date?
    /// When the last new message was stored.
    public var lastMessageAt: Date?
    /// The last poll's error, if it failed.
    public var lastError: String?

    /// Creates a value.
    public init(name: String, checkpoint: String, lastPollAt: Date?, lastMessageAt: Date?, lastError: String?) {
        self.name = name
        self.checkpoint = checkpoint
        self.lastPollAt = lastPollAt
        self.lastMessageAt = lastMessageAt
        self.lastError = lastError
    }
}

extension SQLiteStore {
    /// Every mailbox with its checkpoint and intake health.
    public func mailboxes() throws -> [MailboxSummary] {
        try pool.read { db in
            try MailboxRecord.order(Column("name")).fetchAll(db).map {
                MailboxSummary(
                    name: $0.name, checkpoint: "\($0.uidValidity.map(String.init) ?? "-")/\($0.lastUID)",
                    lastPollAt: $0.lastPollAt, lastMessageAt: $0.lastMessageAt, lastError: $0.lastError)
            }
        }
    }
}

extension SQLiteStore {
    /// The bytes of an outgoing mail, as queued.
    public func outboxRaw(id: Int64) throws -> [UInt8]? {
        try StoreError.wrapping {
            try pool.read { db in
                try MailBytes.fetch(db, .outbox, id: id)
            }
        }
    }
}
