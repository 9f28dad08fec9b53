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

    /// Creates a value.
    public init(id: Int64, purpose: OutboxPurpose, envelope: Envelope, messageID: String, raw: [UInt8], attempts: Int) {
        self.id = id
        self.purpose = purpose
        self.envelope = envelope
        self.messageID = messageID
        self.raw = raw
        self.attempts = attempts
    }
}

/// The result of one attempt, as the outbox records it.
public enum OutboxUpdate: Sendable, Hashable {
    /// Accepted by the server.
    case sent
    /// Try again at `retryAt`.
    case deferred(reason: String, retryAt: Date)
    /// Given up; a person must look.
    case failed(reason: String)
    /// Not sent because of our own configuration: deferred to `retryAt` without using up an attempt, so it is
    /// never given up (the operator is alerted).
    case blocked(reason: String, retryAt: Date)
    /// Not sent: shadow mode records what would have been sent.
    case shadow
}

extension SQLiteStore: OutboxStore {
    /// Claims up to `limit` messages that are due (queued, or deferred with their retry time reached): marks
    /// them `sending` and counts the attempt, in one transaction, so two senders never take the same row.
    public func claimDueOutbox(now: Date, limit: Int) throws -> [OutboxItem] {
        try pool.write { db in try Self.claimDue(db, now: now, limit: limit) }
    }

    /// The ids of the messages due longest, oldest first on a tie: one branch per pending state, each read from the
    /// (state, nextAttemptAt) index in its own order, merged as they are read, so a claim reads about `limit` rows
    /// whatever the backlog. One query over both states (`state IN (...) ORDER BY ...`) sorted every waiting
    /// message on each claim (the 20,000-mail bench sent at half the pace); branches with their own ORDER BY and
    /// LIMIT built two temporary B-trees on every claim (callgrind: 2.6% of a Maildir run's instructions).
    static let claimSQL: String = {
        let branch = "SELECT id, nextAttemptAt FROM outbox WHERE state = ? AND nextAttemptAt <= ?"
        return OutboxState.pending.map { _ in branch }.joined(separator: " UNION ALL ")
            + " ORDER BY nextAttemptAt, id LIMIT ?"
    }()

    /// Claims in `db`: the ids first (``claimSQL``), then each row's state and attempt count alone are written
    /// (its bytes are kept apart and only read: ``MailBytes``).
    static func claimDue(_ db: Database, now: Date, limit: Int) throws -> [OutboxItem] {
        let due = StoredDate.value(now)
        var arguments = StatementArguments()
        for state in OutboxState.pending { arguments += [state.rawValue, due] }
        arguments += [limit]
        let ids = try Int64.fetchAll(db.cachedStatement(sql: claimSQL), arguments: arguments)
        let read = try db.cachedStatement(
            sql: """
                SELECT purpose, envelopeFrom, recipients, messageIdHeader, attempts, raw FROM outbox
                JOIN outboxRaw ON outboxId = id WHERE id = ?
                """)
        let claim = try db.cachedStatement(sql: "UPDATE outbox SET state = ?, attempts = attempts + 1 WHERE id = ?")
        return try ids.compactMap { id in
            guard let row = try Row.fetchOne(read, arguments: [id]) else { return nil }
            try claim.execute(arguments: [OutboxState.sending.rawValue, id])
            // By position, in the order selected above.
            let recipients: String = row[2]
            let raw = try row.withUnsafeData(atIndex: 5) { $0.map { [UInt8]($0) } ?? [] }
            return OutboxItem(
                id: id, purpose: row[0],
                envelope: Envelope(from: row[1], recipients: StoredList.strings(recipients) ?? []),
                messageID: row[3], raw: raw, attempts: (row[4] as Int) + 1)
        }
    }

    /// Records each attempt in `deliveries` and claims up to `limit` due messages (as ``claimDueOutbox(now:limit:)``),
    /// all in one transaction, shared with a processing batch that waits for the writer at the same time
    /// (``SharedCommit``). The outbox sender's group commit brings the results of several connections here at once.
    public func recordDeliveries(
        _ deliveries: [(outboxID: Int64, update: OutboxUpdate)], claiming limit: Int, now: Date
    ) throws -> [OutboxItem] {
        guard !deliveries.isEmpty || limit > 0 else { return [] }
        return try StoreError.wrapping {
            try sharedCommit.write { db in
                let rollup = KPIRollupBuffer()
                for delivery in deliveries {
                    try Self.record(db, outboxID: delivery.outboxID, delivery.update, now: now, rollup: rollup)
                }
                try rollup.flush(db)
                return limit > 0 ? try Self.claimDue(db, now: now, limit: limit) : []
            }
        }
    }

    /// Records the result of an attempt, with its audit event; a first answer sets the ticket's first-response time.
    public func recordDelivery(outboxID: Int64, _ update: OutboxUpdate, now: Date) throws {
        try StoreError.wrapping { try record(outboxID: outboxID, update, now: now) }
    }

    private func record(outboxID: Int64, _ update: OutboxUpdate, now: Date) throws {
        try pool.write { db in try Self.record(db, outboxID: outboxID, update, now: now) }
    }

    /// Records in `db`; only the delivery columns are read and written (the message's bytes stay as they are).
    /// The KPI rollups move in `rollup` when given (written by the caller before it commits).
    private static func record(
        _ db: Database, outboxID: Int64, _ update: OutboxUpdate, now: Date, rollup: KPIRollupBuffer? = nil
    ) throws {
        guard
            var row = try SteppedRow.first(
                db.cachedStatement(
                    sql: """
                        SELECT ticketId, sourceMessageId, purpose, state, attempts, nextAttemptAt, lastError, errorClass,
                        sentAt FROM outbox WHERE id = ?
                        """), arguments: [outboxID], DeliveryColumns.init)
        else {
            throw StoreError.missingRow("outbox \(outboxID)")
        }
        let type: AuditEventType
        let detail: String
        var reasonCode: String?
        let purpose = row.purpose.rawValue
        switch update {
        case .sent:
            row.state = .sent
            row.sentAt = StoredDate.value(now)
            row.lastError = nil
            row.errorClass = nil
            type = .sent
            detail = "\(purpose) accepted by the server (attempt \(row.attempts))"
            try markFirstResponse(db, ticketID: row.ticketID, purpose: row.purpose, now: now, rollup: rollup)
        case .deferred(let reason, let retryAt):
            row.state = .deferred
            row.nextAttemptAt = StoredDate.value(retryAt)
            row.lastError = reason
            row.errorClass = "transient"
            type = .deferred
            detail = "\(purpose) deferred (attempt \(row.attempts)): \(reason)"
        case .blocked(let reason, let retryAt):
            row.state = .deferred
            row.nextAttemptAt = StoredDate.value(retryAt)
            row.lastError = reason
            row.errorClass = "configuration"
            row.attempts = max(0, row.attempts - 1)
            type = .deferred
            reasonCode = "configuration"
            detail = "\(purpose) kept: our configuration stops sending (\(reason)); retrying"
        case .failed(let reason):
            row.state = .failed
            row.lastError = reason
            row.errorClass = "permanent"
            type = .failed
            detail = "\(purpose) failed (attempt \(row.attempts)): \(reason)"
        case .shadow:
            row.state = .shadow
            type = .suppressed
            detail = "\(purpose) not sent: shadow mode"
        }
        try db.cachedStatement(
            sql: """
                UPDATE outbox SET state = ?, attempts = ?, nextAttemptAt = ?, lastError = ?, errorClass = ?, sentAt = ?
                WHERE id = ?
                """
        ).execute(arguments: [
            row.state, row.attempts, row.nextAttemptAt, row.lastError, row.errorClass, row.sentAt, outboxID,
        ])
        var event = EventRecord(
            ticketId: row.ticketID, messageId: row.sourceMessageID, outboxId: outboxID, at: now, type: type.rawValue,
            reason: reasonCode, detail: detail)
        try event.append(db, rollup: rollup)
    }

    /// The columns of an outbox row that a delivery attempt reads and writes; dates stay in their stored form.
    private struct DeliveryColumns {
        var ticketID: Int64?
        var sourceMessageID: Int64?
        var purpose: OutboxPurpose
        var state: OutboxState
        var attempts: Int
        var nextAttemptAt: DatabaseValue
        var lastError: String?
        var errorClass: String?
        var sentAt: DatabaseValue

        /// Read by position, in the order ``record(_:outboxID:_:now:rollup:)`` selects them (by name, GRDB
        /// lower-cases every column name of the row and the name asked: about 12,000 instructions a row), from
        /// the statement's row (``SteppedRow``).
        init(_ row: some PositionalRow) throws {
            guard let purpose = row.value(2, as: String.self).flatMap(OutboxPurpose.init(rawValue:)),
                let state = row.value(3, as: String.self).flatMap(OutboxState.init(rawValue:))
            else { throw StoreError.missingRow("outbox row with an unknown purpose or state") }
            ticketID = row.value(0, as: Int64.self)
            sourceMessageID = row.value(1, as: Int64.self)
            self.purpose = purpose
            self.state = state
            attempts = row.value(4, as: Int.self) ?? 0
            nextAttemptAt = row.databaseValue(5)
            lastError = row.value(6, as: String.self)
            errorClass = row.value(7, as: String.self)
            sentAt = row.databaseValue(8)
        }
    }

    /// Puts a failed or deferred message back in the queue now, with its attempts counted from zero (`mailroom
    /// outbox retry ID`); returns false when there is no such message or it is not failed or deferred.
    public func retryOutbox(id: Int64, now: Date, by person: String) throws -> Bool {
        try StoreError.wrapping {
            try pool.write { db in try requeue(db, filter: Column("id") == id, now: now, by: person) > 0 }
        }
    }

    /// Puts every failed message back in the queue (`mailroom outbox retry --failed`); returns how many.
    public func retryFailedOutbox(now: Date, by person: String) throws -> Int {
        try StoreError.wrapping {
            try pool.write { db in try requeue(db, filter: Column("state") == OutboxState.failed, now: now, by: person)
            }
        }
    }

    private func requeue(_ db: Database, filter: SQLExpression, now: Date, by person: String) throws -> Int {
        let rows = try OutboxRecord.filter(filter)
            .filter([OutboxState.failed, .deferred].contains(Column("state"))).fetchAll(db)
        for var row in rows {
            row.state = .queued
            row.attempts = 0
            row.nextAttemptAt = now
            try row.update(db)
            var event = EventRecord(
                ticketId: row.ticketId, messageId: row.sourceMessageId, outboxId: row.id, at: now,
                type: AuditEventType.retried.rawValue, reason: nil,
                detail: "\(row.purpose.rawValue) queued again by \(person) (last error: \(row.lastError ?? "none"))")
            try event.append(db)
        }
        return rows.count
    }

    /// Sets the ticket's first response (and first automatic or human response) when this is it. The rollups move
    /// from the facts read before to the same facts with those times set, as a read after the update would give
    /// them (the update changes nothing else); a ticket already answered both ways is left alone.
    private static func markFirstResponse(
        _ db: Database, ticketID: Int64?, purpose: OutboxPurpose, now: Date, rollup: KPIRollupBuffer?
    ) throws {
        guard let ticketID, [OutboxPurpose.autoReply, .agentRelay, .agentTemplate].contains(purpose),
            let before = try KPIRollup.facts(db, id: ticketID)
        else { return }
        let human = purpose != .autoReply
        guard before.firstResponseAt == nil || (human ? before.firstHumanResponseAt : before.firstAutoResponseAt) == nil
        else { return }
        let column = human ? "firstHumanResponseAt" : "firstAutoResponseAt"
        let value = StoredDate.value(now)
        try db.cachedStatement(
            sql: """
                UPDATE ticket SET firstResponseAt = COALESCE(firstResponseAt, ?), \(column) = COALESCE(\(column), ?)
                WHERE id = ?
                """
        ).execute(arguments: [value, value, ticketID])
        let stored = Date.fromDatabaseValue(value) ?? now
        var after = before
        after.firstResponseAt = before.firstResponseAt ?? stored
        if human {
            after.firstHumanResponseAt = before.firstHumanResponseAt ?? stored
        } else {
            after.firstAutoResponseAt = before.firstAutoResponseAt ?? stored
        }
        try KPIRollup.move(db, from: before, to: after, into: rollup)
    }

    /// After a crash, rows left `sending` may or may not have reached the server. They are queued again (the
    /// same Message-ID is reused, so a duplicate is recognisable); returns how many.
    public func recoverInterruptedSends(now: Date) throws -> Int {
        try pool.write { db in
            let rows = try OutboxRecord.filter(Column("state") == OutboxState.sending).fetchAll(db)
            for var row in rows {
                row.state = .queued
                row.nextAttemptAt = now
                try row.update(db)
                var event = EventRecord(
                    ticketId: row.ticketId, messageId: row.sourceMessageId, outboxId: row.id, at: now,
                    type: AuditEventType.deferred.rawValue, reason: "interrupted",
                    detail: "send interrupted by a restart; retrying with the same Message-ID")
                try event.append(db)
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
