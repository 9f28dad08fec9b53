import Foundation
import MailroomCore
import MailroomStore
import NIOCore
import PostgresNIO

extension PostgresStore: ProcessingStore {
    /// The oldest stored message still waiting to be processed, after `rowID`.
    public func nextReceivedMessage(after rowID: Int64) throws -> Int64? {
        try receivedMessages(after: rowID, limit: 1).first
    }

    /// Up to `limit` stored messages still waiting to be processed, oldest first, after `rowID`, claimed for this
    /// gateway for ``leaseDuration``: the other gateways pass them over (and do not parse and classify them for
    /// nothing) until the claim lapses, which it does when this gateway dies. A claim is a hint, not a lock: the
    /// processing transaction still locks each row and checks it is `received`.
    public func receivedMessages(after rowID: Int64, limit: Int) throws -> [Int64] {
        let seconds = leaseDuration.seconds
        return try connections.transaction { session in
            try session.query(
                """
                UPDATE message SET claimedBy = \(gatewayID),
                  claimedUntil = now() + make_interval(secs => \(seconds))
                WHERE id IN (
                  SELECT id FROM message WHERE state = 'received' AND direction = 'in' AND id > \(rowID)
                    AND (claimedUntil IS NULL OR claimedUntil < now() OR claimedBy = \(gatewayID))
                  ORDER BY id LIMIT \(Int64(limit)) FOR UPDATE SKIP LOCKED)
                RETURNING id
                """
            ).map { try $0.required(0, as: Int64.self) }.sorted()
        }
    }

    /// The stored messages of `rowIDs` still waiting to be processed, in the order of `rowIDs`.
    public func receivedMessages(rowIDs: [Int64]) throws -> [InboundMessage] {
        try connections.read { session in
            try rowIDs.compactMap { try Self.receivedMessage(session, rowID: $0, lock: false) }
        }
    }

    /// Processes one stored message in one transaction (see ``ProcessingStore``).
    public func process(
        rowID: Int64, now: Date, _ body: (InboundMessage, any GatewayLookup) throws -> ProcessingOutcome
    ) throws -> ProcessResult? {
        try connections.transaction { session in
            guard let message = try Self.receivedMessage(session, rowID: rowID, lock: true) else { return nil }
            let outcome = try body(message, PostgresLookup(session: session))
            let result = try Self.apply(outcome, to: rowID, session, now: now)
            if result.queued > 0 { try notify(session, .send) }
            return result
        }
    }

    /// Processes several stored messages in one transaction. Each message row is locked (`FOR UPDATE SKIP
    /// LOCKED`) before it is read: one that another process holds, or that is no longer `received`, is left out.
    public func process(
        rowIDs: [Int64], now: Date, _ body: (InboundMessage, any GatewayLookup) throws -> ProcessingOutcome,
        fallback: (InboundMessage, any Error) throws -> ProcessingOutcome
    ) throws -> [ProcessResult] {
        try process(rowIDs.map { ($0, nil) }, now: now, body, fallback: fallback)
    }

    /// The same for messages read before the transaction: each row is locked and checked again, but its bytes,
    /// which never change once stored, are not read again.
    public func process(
        messages: [InboundMessage], now: Date,
        _ body: (InboundMessage, any GatewayLookup) throws -> ProcessingOutcome,
        fallback: (InboundMessage, any Error) throws -> ProcessingOutcome
    ) throws -> [ProcessResult] {
        try process(messages.map { ($0.rowID, $0.raw) }, now: now, body, fallback: fallback)
    }

    private func process(
        _ items: [(rowID: Int64, raw: [UInt8]?)], now: Date,
        _ body: (InboundMessage, any GatewayLookup) throws -> ProcessingOutcome,
        fallback: (InboundMessage, any Error) throws -> ProcessingOutcome
    ) throws -> [ProcessResult] {
        try connections.transaction { session in
            var results: [ProcessResult] = []
            for (rowID, raw) in items {
                guard let message = try Self.receivedMessage(session, rowID: rowID, lock: true, raw: raw) else {
                    continue
                }
                let outcome: ProcessingOutcome
                do {
                    outcome = try body(message, PostgresLookup(session: session))
                } catch let error as PostgresSessionError {
                    throw error
                } catch let error as StoreError {
                    throw error
                } catch {
                    outcome = try fallback(message, error)
                }
                results.append(try Self.apply(outcome, to: rowID, session, now: now))
            }
            if results.contains(where: { $0.queued > 0 }) { try notify(session, .send) }
            return results
        }
    }

    /// The message at `rowID` while it is still `received`; with `lock`, locked for this transaction (nil when
    /// another transaction holds it). Its bytes are read unless `raw` already holds them.
    static func receivedMessage(_ session: PostgresSession, rowID: Int64, lock: Bool, raw known: [UInt8]? = nil)
        throws -> InboundMessage?
    {
        let suffix = lock ? " FOR UPDATE SKIP LOCKED" : ""
        let columns =
            "receivedAt, source, envelopeRecipient, oversizedSize, submittedBy" + (known == nil ? ", raw" : "")
        guard
            let row = try session.query(
                PostgresQuery(
                    unsafeSQL: "SELECT \(columns) FROM message WHERE id = $1 AND state = 'received'" + suffix,
                    binds: try binds(rowID))
            ).first
        else { return nil }
        let raw = try known ?? row.value(5, as: ByteBuffer.self).map { Array($0.readableBytesView) } ?? []
        return InboundMessage(
            rowID: rowID, raw: raw, receivedAt: try row.required(0), source: try row.required(1),
            envelopeRecipient: try row.value(2), oversizedSize: try row.value(3, as: Int64.self).map { Int($0) },
            submittedBy: try row.value(4))
    }

    static func binds(_ values: Int64...) throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values { bindings.append(value) }
        return bindings
    }

    /// Writes an outcome; the ticket's KPI rollups move with it.
    private static func apply(_ outcome: ProcessingOutcome, to rowID: Int64, _ session: PostgresSession, now: Date)
        throws -> ProcessResult
    {
        let publicID = outcome.ticket?.publicID
        let before = try publicID.map { try PostgresKPIs.facts(session, publicID: $0) } ?? nil
        let result = try write(outcome, to: rowID, session, now: now)
        if let publicID {
            try PostgresKPIs.move(session, from: before, to: try PostgresKPIs.facts(session, publicID: publicID))
        }
        return result
    }

    private static func write(_ outcome: ProcessingOutcome, to rowID: Int64, _ session: PostgresSession, now: Date)
        throws -> ProcessResult
    {
        let ticketID = try outcome.ticket.map { try PostgresTickets.save($0, session) }
        if let ticket = outcome.ticket, let ticketID {
            try PostgresTickets.index(ticket, ticketID: ticketID, text: outcome.searchText, session)
        }
        let summary: ProcessingSummary
        let state: String
        switch outcome.disposition {
        case .processed(let done):
            summary = done
            state = "processed"
        case .quarantined(let reason, let detail):
            summary = .quarantined(reason)
            state = "quarantined"
            try session.execute(
                """
                INSERT INTO quarantine (messageId, reason, detail, createdAt)
                VALUES (\(rowID), \(reason.rawValue), \(detail), \(now))
                ON CONFLICT (messageId) DO UPDATE SET reason = excluded.reason, detail = excluded.detail,
                  createdAt = excluded.createdAt, releasedAt = NULL, releasedBy = NULL, dismissedAt = NULL,
                  dismissedBy = NULL, dismissReason = NULL
                """)
        }
        try session.execute(
            """
            UPDATE message SET state = \(state), kind = \(outcome.kind), fromAddress = \(outcome.fromAddress),
              subject = \(outcome.subject), ticketId = \(ticketID), processedAt = \(now), outcome = \(summary.text)
            WHERE id = \(rowID)
            """)
        let outboxIDs = try PostgresOutboxWrites.queue(
            outcome.outbox, ticketID: ticketID, sourceRow: rowID, session, now: now)
        try appendEvents(
            session,
            outcome.events.map { event in
                NewEvent(
                    ticketID: ticketID, messageID: rowID, outboxID: event.outboxMessageID.flatMap { outboxIDs[$0] },
                    at: now, type: event.type.rawValue, reason: event.reason, detail: event.detail)
            })
        for pause in outcome.pauses {
            try session.execute(
                """
                INSERT INTO senderPause (address, until, reason, createdAt)
                VALUES (\(pause.address.lowercased()), \(pause.pause.until), \(pause.pause.reason.rawValue), \(now))
                ON CONFLICT (address) DO UPDATE SET until = excluded.until, reason = excluded.reason,
                  createdAt = excluded.createdAt
                """)
        }
        for address in outcome.rateLimitHits {
            try session.execute("INSERT INTO rateLimitHit (address, at) VALUES (\(address.lowercased()), \(now))")
        }
        var learned = outcome.knowledge
        if let entry = outcome.knowledge, let ticketID {
            learned = try PostgresKnowledgeWrites.learn(entry, ticketID: ticketID, session, now: now)
        }
        if let reused = outcome.knowledgeReused {
            try session.execute("UPDATE knowledge SET reuseCount = reuseCount + 1 WHERE id = \(reused)")
        }
        return ProcessResult(
            rowID: rowID, ticketPublicID: outcome.ticket?.publicID, summary: summary, queued: outcome.outbox.count,
            learned: learned)
    }
}
