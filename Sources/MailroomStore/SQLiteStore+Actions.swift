import Foundation
import GRDB
import MailroomCore

/// One stored message of a ticket, for the API and the console.
public struct StoredMessage: Sendable, Hashable {
    /// The row id.
    public var id: Int64
    /// Where it came from: `imap`, `maildir`, `ingest`, `web`, `api`, ...
    public var source: String
    /// The account that submitted it through the API, if any.
    public var submittedBy: String?
    /// When it was stored.
    public var receivedAt: Date
    /// The sender's address, when readable.
    public var fromAddress: String?
    /// The subject, when readable.
    public var subject: String?
    /// The kind (`normal`, `bounce`, ...).
    public var kind: String?
    /// `received`, `processed`, `quarantined`.
    public var state: MessageState
    /// What processing did.
    public var outcome: String?
    /// The exact bytes.
    public var raw: [UInt8]

    /// Creates a value.
    public init(
        id: Int64, source: String, submittedBy: String?, receivedAt: Date, fromAddress: String?, subject: String?,
        kind: String?, state: MessageState, outcome: String?, raw: [UInt8]
    ) {
        self.id = id
        self.source = source
        self.submittedBy = submittedBy
        self.receivedAt = receivedAt
        self.fromAddress = fromAddress
        self.subject = subject
        self.kind = kind
        self.state = state
        self.outcome = outcome
        self.raw = raw
    }
}

/// What releasing or dismissing a quarantined message did.
public enum QuarantineAction: Sendable, Hashable {
    /// Done.
    case done
    /// There is no such message in quarantine.
    case notFound
    /// It cannot be processed again (only its header was downloaded).
    case notReleasable(String)
}

extension SQLiteStore: ActionStore {
    /// Runs `body` with a lookup in one read transaction (for dry runs such as `evaluate`).
    public func read<T>(_ body: (any GatewayLookup) throws -> T) throws -> T {
        try StoreError.wrapping { try pool.read { db in try body(StoreLookup(db: db)) } }
    }

    /// Applies an outcome that no stored message caused (a feedback link, an evaluation acted on) in one
    /// transaction: the ticket, its events and the mail to queue.
    public func applyAction(_ outcome: ProcessingOutcome, now: Date) throws {
        try StoreError.wrapping {
            try pool.write { db in
                guard let ticket = outcome.ticket else { return }
                try KPIRollup.tracking(db, publicID: ticket.publicID) {
                    let ticketID = try saveTicket(ticket, db: db).id
                    let outboxIDs = try queue(outcome.outbox, ticketID: ticketID, sourceRow: nil, db: db, now: now)
                    for event in outcome.events {
                        var record = EventRecord(
                            ticketId: ticketID, outboxId: event.outboxMessageID.flatMap { outboxIDs[$0] }, at: now,
                            type: event.type.rawValue, reason: event.reason, detail: event.detail)
                        try record.insert(db)
                    }
                }
            }
        }
    }

    /// The stored messages of a ticket, oldest first.
    public func messages(ticket publicID: String) throws -> [StoredMessage] {
        try StoreError.wrapping {
            try pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT m.*, \(MailBytes.column(.message, of: "m")) AS raw FROM message m
                        JOIN ticket t ON t.id = m.ticketId WHERE t.publicId = ? ORDER BY m.id
                        """, arguments: [publicID]
                ).map(Self.storedMessage)
            }
        }
    }

    /// One stored message by row id.
    public func message(rowID: Int64) throws -> StoredMessage? {
        try StoreError.wrapping {
            try pool.read { db in
                try Row.fetchOne(
                    db, sql: "SELECT *, \(MailBytes.column(.message, of: "message")) AS raw FROM message WHERE id = ?",
                    arguments: [rowID]
                ).map(Self.storedMessage)
            }
        }
    }

    /// The newest message of the ticket's customer (for `evaluate`).
    public func lastCustomerMessage(ticket publicID: String) throws -> StoredMessage? {
        try messages(ticket: publicID).last {
            $0.submittedBy == nil && $0.fromAddress != nil && $0.kind == "normal"
                && $0.fromAddress == (try? ticket(publicID: publicID))??.customerEmail
        }
    }

    /// Processes a quarantined message again (its state back to `received`); header-only stubs of mail too large
    /// to download cannot be.
    public func releaseQuarantine(messageRowID: Int64, by person: String, now: Date) throws -> QuarantineAction {
        try StoreError.wrapping {
            try pool.write { db in
                guard
                    let row = try Row.fetchOne(
                        db,
                        sql: """
                            SELECT m.oversizedSize, m.ticketId FROM quarantine q JOIN message m ON m.id = q.messageId
                            WHERE q.messageId = ? AND q.releasedAt IS NULL AND q.dismissedAt IS NULL
                            """, arguments: [messageRowID])
                else { return .notFound }
                if let size: Int = row["oversizedSize"] {
                    return .notReleasable(
                        "only the header of this \(size)-byte message was downloaded; raise imap.maxMessageBytes "
                            + "and fetch it again, or dismiss it")
                }
                try db.execute(
                    sql: "UPDATE quarantine SET releasedAt = ?, releasedBy = ? WHERE messageId = ?",
                    arguments: [StoredDate.value(now), person, messageRowID])
                try db.execute(sql: "UPDATE message SET state = 'received' WHERE id = ?", arguments: [messageRowID])
                // The mail its first processing queued (the quarantine notice) stays, tied to its ticket and events;
                // it no longer counts as this message's, so processing it again may queue its own.
                try db.execute(
                    sql: "UPDATE outbox SET sourceMessageId = NULL WHERE sourceMessageId = ?", arguments: [messageRowID]
                )
                try Self.event(
                    db, ticketID: row["ticketId"], messageID: messageRowID, now: now, "released by \(person)")
                return .done
            }
        }
    }

    /// Dismisses a quarantined message with a reason (it stays stored, out of the queue).
    public func dismissQuarantine(messageRowID: Int64, by person: String, reason: String, now: Date) throws
        -> QuarantineAction
    {
        try StoreError.wrapping {
            try pool.write { db in
                try db.execute(
                    sql: """
                        UPDATE quarantine SET dismissedAt = ?, dismissedBy = ?, dismissReason = ?
                        WHERE messageId = ? AND releasedAt IS NULL AND dismissedAt IS NULL
                        """, arguments: [StoredDate.value(now), person, reason, messageRowID])
                guard db.changesCount > 0 else { return .notFound }
                try Self.event(
                    db, ticketID: nil, messageID: messageRowID, now: now, "dismissed by \(person): \(reason)")
                return .done
            }
        }
    }

    private static func event(_ db: Database, ticketID: Int64?, messageID: Int64, now: Date, _ detail: String) throws {
        var event = EventRecord(
            ticketId: ticketID, messageId: messageID, at: now, type: AuditEventType.quarantined.rawValue,
            reason: "reviewed", detail: detail)
        try event.insert(db)
    }

    static func storedMessage(_ row: Row) -> StoredMessage {
        StoredMessage(
            id: row["id"], source: row["source"], submittedBy: row["submittedBy"], receivedAt: row["receivedAt"],
            fromAddress: row["fromAddress"], subject: row["subject"], kind: row["kind"],
            state: row["state"], outcome: row["outcome"], raw: (row["raw"] as Data?).map { [UInt8]($0) } ?? [])
    }
}
