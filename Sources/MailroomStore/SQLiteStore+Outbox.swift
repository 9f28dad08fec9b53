import Foundation
import GRDB
import MailroomCore

/// An outgoing message claimed for one send attempt.
public struct OutboxItem: Sendable, Hashable {
    /// The outbox row.
    public var id: Int64
    /// Why it is sent.
    public var purpose: OutboxPurpose
    /// MAIL FROM and RCPT TO.
    public var envelope: Envelope
    /// Its Message-ID: the same on every attempt.
    public var messageID: String
    /// The complete message.
    public var raw: [UInt8]
    /// Attempts so far, this one included.
    public var attempts: Int
}

/// The result of one attempt, as the outbox records it.
public enum OutboxUpdate: Sendable, Hashable {
    /// Accepted by the server.
    case sent
    /// Try again at `retryAt`.
    case deferred(reason: String, retryAt: Date)
    /// Given up; a person must look.
    case failed(reason: String)
    /// Not sent: shadow mode records what would have been sent.
    case shadow
}

extension SQLiteStore {
    /// Claims up to `limit` messages that are due (queued, or deferred with their retry time reached): marks
    /// them `sending` and counts the attempt, in one transaction, so two senders never take the same row.
    public func claimDueOutbox(now: Date, limit: Int) throws -> [OutboxItem] {
        try pool.write { db in
            let rows =
                try OutboxRecord
                .filter(["queued", "deferred"].contains(Column("state")) && Column("nextAttemptAt") <= now)
                .order(Column("id")).limit(limit).fetchAll(db)
            return try rows.map { row in
                var claimed = row
                claimed.state = "sending"
                claimed.attempts += 1
                try claimed.update(db)
                let recipients = (try? JSONDecoder().decode([String].self, from: Data(row.recipients.utf8))) ?? []
                return OutboxItem(
                    id: row.id!, purpose: OutboxPurpose(rawValue: row.purpose) ?? .escalation,
                    envelope: Envelope(from: row.envelopeFrom, recipients: recipients),
                    messageID: row.messageIdHeader, raw: Array(row.raw), attempts: claimed.attempts)
            }
        }
    }

    /// Records the result of an attempt, with its audit event; a first answer sets the ticket's first-response time.
    public func recordDelivery(outboxID: Int64, _ update: OutboxUpdate, now: Date) throws {
        try pool.write { db in
            guard var row = try OutboxRecord.fetchOne(db, key: outboxID) else {
                throw StoreError.missingRow("outbox \(outboxID)")
            }
            let type: AuditEventType
            let detail: String
            switch update {
            case .sent:
                row.state = "sent"
                row.sentAt = now
                row.lastError = nil
                type = .sent
                detail = "\(row.purpose) accepted by the server (attempt \(row.attempts))"
                try markFirstResponse(db, row: row, now: now)
            case .deferred(let reason, let retryAt):
                row.state = "deferred"
                row.nextAttemptAt = retryAt
                row.lastError = reason
                type = .deferred
                detail = "\(row.purpose) deferred (attempt \(row.attempts)): \(reason)"
            case .failed(let reason):
                row.state = "failed"
                row.lastError = reason
                type = .failed
                detail = "\(row.purpose) failed (attempt \(row.attempts)): \(reason)"
            case .shadow:
                row.state = "shadow"
                type = .suppressed
                detail = "\(row.purpose) not sent: shadow mode"
            }
            try row.update(db)
            var event = EventRecord(
                ticketId: row.ticketId, messageId: row.sourceMessageId, outboxId: row.id, at: now, type: type.rawValue,
                reason: nil, detail: detail)
            try event.insert(db)
        }
    }

    private func markFirstResponse(_ db: Database, row: OutboxRecord, now: Date) throws {
        guard let ticketID = row.ticketId,
            [OutboxPurpose.autoReply, .agentRelay, .agentTemplate].map(\.rawValue).contains(row.purpose)
        else { return }
        try db.execute(
            sql: "UPDATE ticket SET firstResponseAt = ? WHERE id = ? AND firstResponseAt IS NULL",
            arguments: [now, ticketID])
    }

    /// After a crash, rows left `sending` may or may not have reached the server. They are queued again (the
    /// same Message-ID is reused, so a duplicate is recognisable); returns how many.
    public func recoverInterruptedSends(now: Date) throws -> Int {
        try pool.write { db in
            let rows = try OutboxRecord.filter(Column("state") == "sending").fetchAll(db)
            for var row in rows {
                row.state = "queued"
                row.nextAttemptAt = now
                try row.update(db)
                var event = EventRecord(
                    ticketId: row.ticketId, messageId: row.sourceMessageId, outboxId: row.id, at: now,
                    type: AuditEventType.deferred.rawValue, reason: "interrupted",
                    detail: "send interrupted by a restart; retrying with the same Message-ID")
                try event.insert(db)
            }
            return rows.count
        }
    }

    /// The time the next deferred message is due, if any (so a sender can sleep until then).
    public func nextOutboxAttempt() throws -> Date? {
        try pool.read { db in
            try Date.fetchOne(
                db, sql: "SELECT MIN(nextAttemptAt) FROM outbox WHERE state IN ('queued', 'deferred')")
        }
    }
}
