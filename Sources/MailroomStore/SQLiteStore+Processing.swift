import Foundation
import GRDB
import MailroomCore

/// What processing one stored message did, for logs and metrics.
public struct ProcessResult: Sendable, Hashable {
    /// The message row.
    public var rowID: Int64
    /// The ticket's public id, if the message has one.
    public var ticketPublicID: String?
    /// What was done.
    public var summary: ProcessingSummary
    /// How many mails were queued.
    public var queued: Int
    /// A knowledge entry learned with this message (pending or approved), once committed.
    public var learned: KnowledgeEntry?

    /// Creates a value.
    public init(
        rowID: Int64, ticketPublicID: String?, summary: ProcessingSummary, queued: Int, learned: KnowledgeEntry?
    ) {
        self.rowID = rowID
        self.ticketPublicID = ticketPublicID
        self.summary = summary
        self.queued = queued
        self.learned = learned
    }
}

extension SQLiteStore: ProcessingStore {
    /// The oldest stored message still waiting to be processed, after `rowID`.
    public func nextReceivedMessage(after rowID: Int64 = 0) throws -> Int64? {
        try pool.read { db in
            try Int64.fetchOne(
                db.cachedStatement(
                    sql: "SELECT id FROM message WHERE state = 'received' AND direction = 'in' AND id > ? ORDER BY id"),
                arguments: [rowID])
        }
    }

    /// How many stored messages wait to be processed.
    public func receivedCount() throws -> Int {
        try pool.read { db in try MessageRecord.filter(Column("state") == MessageState.received).fetchCount(db) }
    }

    /// Processes one stored message in ONE transaction: reads it (still `received`), runs `body` with a lookup
    /// on the same connection, and writes the outcome. Returns nil when the message was already processed
    /// (by an earlier run that committed). If `body` throws, nothing is written; a database error (also one
    /// raised by the lookup inside `body`) is thrown as a ``StoreError``, so the caller stops instead of
    /// blaming the message.
    public func process(
        rowID: Int64, now: Date, _ body: (InboundMessage, any GatewayLookup) throws -> ProcessingOutcome
    ) throws -> ProcessResult? {
        try StoreError.wrapping {
            try pool.write { db in
                guard let message = try Self.receivedMessage(db, rowID: rowID) else { return nil }
                let outcome = try body(message, StoreLookup(db: db))
                let search = SearchIndexBuffer()
                let result = try apply(outcome, to: rowID, db: db, now: now, search: search)
                try search.flush(db)
                return result
            }
        }
    }

    /// Up to `limit` stored messages still waiting to be processed, oldest first, after `rowID`.
    public func receivedMessages(after rowID: Int64 = 0, limit: Int) throws -> [Int64] {
        try pool.read { db in
            try Int64.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT id FROM message WHERE state = 'received' AND direction = 'in' AND id > ? ORDER BY id
                        LIMIT ?
                        """), arguments: [rowID, limit])
        }
    }

    /// The stored messages of `rowIDs` still waiting to be processed, read without the writer (to prepare them
    /// outside the processing transaction, which reads them again); in the order of `rowIDs`.
    public func receivedMessages(rowIDs: [Int64]) throws -> [InboundMessage] {
        try StoreError.wrapping {
            try pool.read { db in try rowIDs.compactMap { try Self.receivedMessage(db, rowID: $0) } }
        }
    }

    /// Processes several stored messages in ONE transaction (one commit, one sync of the log, shared with the
    /// sender's results that wait for the writer at the same time: ``SharedCommit``): a message whose
    /// `body` throws (the pipeline only reads, so nothing is half-written) is handed to `fallback`, which
    /// quarantines it in the same transaction; a database error stops the batch and writes nothing. The
    /// results come in the order of `rowIDs`; a message already processed by someone else is left out. Later
    /// messages of the batch see what earlier ones wrote (the same connection), exactly as one by one.
    public func process(
        rowIDs: [Int64], now: Date, _ body: (InboundMessage, any GatewayLookup) throws -> ProcessingOutcome,
        fallback: (InboundMessage, any Error) throws -> ProcessingOutcome
    ) throws -> [ProcessResult] {
        try process(rowIDs.map { ($0, nil) }, now: now, body, fallback: fallback)
    }

    /// The same for messages read before the transaction (``receivedMessages(rowIDs:)``): each is still checked
    /// to be `received` in the transaction, but what was read of it, which never changes once stored (its bytes
    /// and the columns of its receipt), is not read again.
    public func process(
        messages: [InboundMessage], now: Date,
        _ body: (InboundMessage, any GatewayLookup) throws -> ProcessingOutcome,
        fallback: (InboundMessage, any Error) throws -> ProcessingOutcome
    ) throws -> [ProcessResult] {
        try process(messages.map { ($0.rowID, $0) }, now: now, body, fallback: fallback)
    }

    private func process(
        _ items: [(rowID: Int64, known: InboundMessage?)], now: Date,
        _ body: (InboundMessage, any GatewayLookup) throws -> ProcessingOutcome,
        fallback: (InboundMessage, any Error) throws -> ProcessingOutcome
    ) throws -> [ProcessResult] {
        try StoreError.wrapping {
            try sharedCommit.write { db in
                var results: [ProcessResult] = []
                let rollup = KPIRollupBuffer()
                let search = SearchIndexBuffer()
                for (rowID, known) in items {
                    let message: InboundMessage?
                    if let known {
                        message = try Self.isReceived(db, rowID: rowID) ? known : nil
                    } else {
                        message = try Self.receivedMessage(db, rowID: rowID)
                    }
                    guard let message else { continue }
                    let outcome: ProcessingOutcome
                    do {
                        // The pipeline only reads through the lookup: a failure leaves nothing to roll back.
                        outcome = try body(message, StoreLookup(db: db))
                    } catch let error as DatabaseError {
                        throw error
                    } catch let error as StoreError {
                        throw error
                    } catch {
                        outcome = try fallback(message, error)
                    }
                    results.append(try apply(outcome, to: rowID, db: db, now: now, rollup: rollup, search: search))
                }
                try rollup.flush(db)
                try search.flush(db)
                return results
            }
        }
    }

    /// Whether the message at `rowID` is still `received` (one integer read: no row of columns).
    static func isReceived(_ db: Database, rowID: Int64) throws -> Bool {
        try Int.fetchOne(
            db.cachedStatement(sql: "SELECT 1 FROM message WHERE id = ? AND state = 'received'"), arguments: [rowID])
            != nil
    }

    /// The message at `rowID` while it is still `received`; its bytes are read once, as an array (the row's
    /// other columns are read without them, so a large message is not held twice).
    static func receivedMessage(_ db: Database, rowID: Int64) throws -> InboundMessage? {
        // By position, in the order selected, from the statement's row (``SteppedRow``).
        guard
            var message = try SteppedRow.first(
                db.cachedStatement(
                    sql: """
                        SELECT receivedAt, source, envelopeRecipient, oversizedSize, submittedBy FROM message
                        WHERE id = ? AND state = 'received'
                        """), arguments: [rowID],
                { row in
                    guard let receivedAt = row.date(0), let source = row.value(1, as: String.self) else {
                        throw StoreError.missingRow("message \(rowID) without its time or source")
                    }
                    return InboundMessage(
                        rowID: rowID, raw: [], receivedAt: receivedAt, source: source,
                        envelopeRecipient: row.value(2, as: String.self), oversizedSize: row.value(3, as: Int.self),
                        submittedBy: row.value(4, as: String.self))
                })
        else { return nil }
        message.raw = try MailBytes.fetch(db, .message, id: rowID) ?? []
        return message
    }

    /// Writes an outcome; the ticket's KPI rollups move with it (after its events, which count too), in
    /// `rollup` when given (written by the caller before it commits). A ticket the outcome opens is known to be
    /// new from its facts before (none): it is inserted without looking for it again, and its facts after are
    /// those of the row it was inserted from rather than read back. The ticket's search entry goes to `search`,
    /// which the caller writes after its other writes.
    private func apply(
        _ outcome: ProcessingOutcome, to rowID: Int64, db: Database, now: Date, rollup: KPIRollupBuffer? = nil,
        search: SearchIndexBuffer
    ) throws -> ProcessResult {
        guard let ticket = outcome.ticket else {
            return try write(outcome, to: rowID, db: db, now: now, rollup: rollup, search: search, isNewTicket: false)
        }
        let before = try KPIRollup.facts(db, publicID: ticket.publicID)
        let result = try write(
            outcome, to: rowID, db: db, now: now, rollup: rollup, search: search, isNewTicket: before == nil)
        let after: KPIFacts?
        if before == nil {
            let didNotHelp = outcome.events.filter { $0.type == .followUp && $0.reason == "didNotHelp" }.count
            after = KPIRollup.facts(inserted: TicketRecord(ticket: ticket, id: nil), didNotHelpReplies: didNotHelp)
        } else {
            after = try KPIRollup.facts(db, publicID: ticket.publicID)
        }
        try KPIRollup.move(db, from: before, to: after, into: rollup)
        return result
    }

    private func write(
        _ outcome: ProcessingOutcome, to rowID: Int64, db: Database, now: Date, rollup: KPIRollupBuffer?,
        search: SearchIndexBuffer, isNewTicket: Bool
    ) throws -> ProcessResult {
        let saved = try outcome.ticket.map { try saveTicket($0, db: db, isNew: isNewTicket) }
        let ticketID = saved?.id
        if let ticket = outcome.ticket, let saved {
            try search.add(ticket, id: saved.id, text: outcome.searchText, inserted: saved.inserted, db: db)
        }
        let summary: ProcessingSummary
        let state: MessageState
        switch outcome.disposition {
        case .processed(let done):
            summary = done
            state = .processed
        case .quarantined(let reason, let detail):
            summary = .quarantined(reason)
            state = .quarantined
            // A released message that fails again is held again: the one quarantine row of the message is renewed.
            try db.cachedStatement(
                sql: """
                    INSERT INTO quarantine (messageId, reason, detail, createdAt) VALUES (?, ?, ?, ?)
                    ON CONFLICT(messageId) DO UPDATE SET reason = excluded.reason, detail = excluded.detail,
                      createdAt = excluded.createdAt, releasedAt = NULL, releasedBy = NULL, dismissedAt = NULL,
                      dismissedBy = NULL, dismissReason = NULL
                    """
            ).execute(arguments: [rowID, reason.rawValue, detail, StoredDate.value(now)])
        }
        // Only the columns that change: the raw bytes are never written again.
        try db.cachedStatement(
            sql: """
                UPDATE message SET state = ?, kind = ?, fromAddress = ?, subject = ?, ticketId = ?, processedAt = ?,
                outcome = ? WHERE id = ?
                """
        ).execute(arguments: [
            state, outcome.kind, outcome.fromAddress, outcome.subject, ticketID, StoredDate.value(now), summary.text,
            rowID,
        ])
        let outboxIDs = try queue(outcome.outbox, ticketID: ticketID, sourceRow: rowID, db: db, now: now)
        for event in outcome.events {
            var record = EventRecord(
                ticketId: ticketID, messageId: rowID, outboxId: event.outboxMessageID.flatMap { outboxIDs[$0] },
                at: now, type: event.type.rawValue, reason: event.reason, detail: event.detail)
            try record.append(db, rollup: rollup)
        }
        for pause in outcome.pauses {
            try SenderPauseRecord(
                address: pause.address, until: pause.pause.until, reason: pause.pause.reason.rawValue, createdAt: now
            ).upsert(db)
        }
        for address in outcome.rateLimitHits {
            var hit = RateLimitHitRecord(address: address.lowercased(), at: now)
            try hit.insert(db)
        }
        var learned = outcome.knowledge
        if let entry = outcome.knowledge, let ticketID {
            learned = try learn(entry, ticketID: ticketID, db: db, now: now)
        }
        if let reused = outcome.knowledgeReused {
            try db.cachedStatement(sql: "UPDATE knowledge SET reuseCount = reuseCount + 1 WHERE id = ?").execute(
                arguments: [reused])
        }
        return ProcessResult(
            rowID: rowID, ticketPublicID: outcome.ticket?.publicID, summary: summary,
            queued: outcome.outbox.count, learned: learned)
    }

    /// Inserts or updates the ticket row; returns its id, and whether it was inserted now. `isNew` says it is known
    /// not to be stored, so it is not looked up.
    func saveTicket(_ ticket: Ticket, db: Database, isNew: Bool = false) throws -> (id: Int64, inserted: Bool) {
        let stored =
            isNew
            ? nil
            : try Row.fetchOne(
                db.cachedStatement(sql: "SELECT id, slaAlertedAt FROM ticket WHERE publicId = ?"),
                arguments: [ticket.publicID])
        let existing: Int64? = stored?["id"]
        var record = TicketRecord(ticket: ticket, id: existing, slaAlertedAt: stored?["slaAlertedAt"])
        if existing == nil {
            try record.insertRow(db)
        } else {
            try record.updateRow(db)
        }
        return (record.id!, existing == nil)
    }

    func queue(_ drafts: [OutboxDraft], ticketID: Int64?, sourceRow: Int64?, db: Database, now: Date) throws
        -> [String: Int64]
    {
        var ids: [String: Int64] = [:]
        for draft in drafts {
            let recipients = StoredList.text(draft.recipients)
            var record = OutboxRecord(
                ticketId: ticketID, sourceMessageId: sourceRow, purpose: draft.purpose,
                envelopeFrom: draft.envelopeFrom, recipients: recipients, messageIdHeader: draft.messageID,
                subject: draft.subject, state: .queued, attempts: 0, nextAttemptAt: now,
                createdAt: now)
            try record.insertRow(db)
            try MailBytes.insert(db, .outbox, id: record.id!, Data(draft.raw))
            ids[draft.messageID] = record.id
            if draft.purpose.isAutomatic {
                for address in draft.recipients {
                    var mail = AutomaticMailRecord(address: address.lowercased(), queuedAt: now)
                    try mail.insertRow(db)
                }
            }
        }
        return ids
    }
}
