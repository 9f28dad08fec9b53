import Foundation
import MailroomCore
import MailroomStore
import NIOCore
import PostgresNIO

extension PostgresStore: OutboxStore {
    /// Claims up to `limit` due messages in one statement: each pending state is read from its index in order
    /// with `FOR UPDATE SKIP LOCKED` (rows another gateway is claiming are passed over, never waited for), the
    /// oldest due are marked `sending` by this gateway, and their attempt is counted.
    public func claimDueOutbox(now: Date, limit: Int) throws -> [OutboxItem] {
        try connections.transaction { session in try Self.claimDue(session, gateway: gatewayID, now: now, limit: limit)
        }
    }

    static func claimDue(_ session: PostgresSession, gateway: String, now: Date, limit: Int) throws -> [OutboxItem] {
        guard limit > 0 else { return [] }
        let limit = Int64(limit)
        let rows = try session.query(
            """
            WITH queued AS (
              SELECT id, nextAttemptAt FROM outbox WHERE state = 'queued' AND nextAttemptAt <= \(now)
              ORDER BY nextAttemptAt, id LIMIT \(limit) FOR UPDATE SKIP LOCKED
            ), deferred AS (
              SELECT id, nextAttemptAt FROM outbox WHERE state = 'deferred' AND nextAttemptAt <= \(now)
              ORDER BY nextAttemptAt, id LIMIT \(limit) FOR UPDATE SKIP LOCKED
            ), picked AS (
              SELECT id FROM (SELECT * FROM queued UNION ALL SELECT * FROM deferred) due
              ORDER BY nextAttemptAt, id LIMIT \(limit)
            )
            UPDATE outbox o SET state = 'sending', attempts = o.attempts + 1, claimedBy = \(gateway)
            FROM picked WHERE o.id = picked.id
            RETURNING o.id, o.purpose, o.envelopeFrom, o.recipients, o.messageIdHeader, o.raw, o.attempts,
              o.nextAttemptAt
            """)
        var items: [(due: Date, item: OutboxItem)] = []
        for row in rows {
            let purpose = try row.required(1, as: String.self)
            guard let purposeValue = OutboxPurpose(rawValue: purpose) else {
                throw StoreError.database("unknown outbox purpose \(purpose)")
            }
            let raw = try row.value(5, as: ByteBuffer.self).map { Array($0.readableBytesView) } ?? []
            let item = OutboxItem(
                id: try row.required(0), purpose: purposeValue,
                envelope: Envelope(from: try row.required(2), recipients: PostgresTickets.strings(try row.required(3))),
                messageID: try row.required(4), raw: raw, attempts: Int(try row.required(6, as: Int32.self)))
            items.append((try row.required(7), item))
        }
        return items.sorted { ($0.due, $0.item.id) < ($1.due, $1.item.id) }.map(\.item)
    }

    /// Records several attempts and claims up to `limit` due messages, in one transaction.
    public func recordDeliveries(
        _ deliveries: [(outboxID: Int64, update: OutboxUpdate)], claiming limit: Int, now: Date
    ) throws -> [OutboxItem] {
        guard !deliveries.isEmpty || limit > 0 else { return [] }
        return try connections.transaction { session in
            for delivery in deliveries {
                try Self.record(session, outboxID: delivery.outboxID, delivery.update, now: now)
            }
            return try Self.claimDue(session, gateway: gatewayID, now: now, limit: limit)
        }
    }

    /// Records the result of an attempt, with its audit event.
    public func recordDelivery(outboxID: Int64, _ update: OutboxUpdate, now: Date) throws {
        try connections.transaction { session in try Self.record(session, outboxID: outboxID, update, now: now) }
    }

    /// Records in `session`; the row is locked, and only its delivery columns are read and written.
    private static func record(_ session: PostgresSession, outboxID: Int64, _ update: OutboxUpdate, now: Date) throws {
        guard
            let row = try session.query(
                """
                SELECT ticketId, sourceMessageId, purpose, attempts, nextAttemptAt, lastError, errorClass, sentAt, state
                FROM outbox WHERE id = \(outboxID) FOR UPDATE
                """
            ).first
        else { throw StoreError.missingRow("outbox \(outboxID)") }
        let ticketID = try row.value(0, as: Int64.self)
        let sourceID = try row.value(1, as: Int64.self)
        let purpose = OutboxPurpose(rawValue: try row.required(2)) ?? .escalation
        var attempts = Int(try row.required(3, as: Int32.self))
        var nextAttemptAt = try row.required(4, as: Date.self)
        var lastError = try row.value(5, as: String.self)
        var errorClass = try row.value(6, as: String.self)
        var sentAt = try row.value(7, as: Date.self)
        let state: OutboxState
        let type: AuditEventType
        let detail: String
        var reasonCode: String?
        switch update {
        case .sent:
            state = .sent
            sentAt = now
            lastError = nil
            errorClass = nil
            type = .sent
            detail = "\(purpose.rawValue) accepted by the server (attempt \(attempts))"
            try markFirstResponse(session, ticketID: ticketID, purpose: purpose, now: now)
        case .deferred(let reason, let retryAt):
            state = .deferred
            nextAttemptAt = retryAt
            lastError = reason
            errorClass = "transient"
            type = .deferred
            detail = "\(purpose.rawValue) deferred (attempt \(attempts)): \(reason)"
        case .blocked(let reason, let retryAt):
            state = .deferred
            nextAttemptAt = retryAt
            lastError = reason
            errorClass = "configuration"
            attempts = max(0, attempts - 1)
            type = .deferred
            reasonCode = "configuration"
            detail = "\(purpose.rawValue) kept: our configuration stops sending (\(reason)); retrying"
        case .failed(let reason):
            state = .failed
            lastError = reason
            errorClass = "permanent"
            type = .failed
            detail = "\(purpose.rawValue) failed (attempt \(attempts)): \(reason)"
        case .shadow:
            state = .shadow
            type = .suppressed
            detail = "\(purpose.rawValue) not sent: shadow mode"
        }
        try session.execute(
            """
            UPDATE outbox SET state = \(state.rawValue), attempts = \(Int32(clamping: attempts)),
              nextAttemptAt = \(nextAttemptAt), lastError = \(lastError), errorClass = \(errorClass), sentAt = \(sentAt),
              claimedBy = NULL
            WHERE id = \(outboxID)
            """)
        try appendEvent(
            session, ticketID: ticketID, messageID: sourceID, outboxID: outboxID, at: now, type: type.rawValue,
            reason: reasonCode, detail: detail)
    }

    private static func markFirstResponse(
        _ session: PostgresSession, ticketID: Int64?, purpose: OutboxPurpose, now: Date
    ) throws {
        guard let ticketID, [OutboxPurpose.autoReply, .agentRelay, .agentTemplate].contains(purpose) else { return }
        guard
            let publicID = try session.scalar(
                "SELECT publicId FROM ticket WHERE id = \(ticketID) FOR UPDATE", as: String.self)
        else { return }
        let before = try PostgresKPIs.facts(session, publicID: publicID)
        if purpose == .autoReply {
            try session.execute(
                """
                UPDATE ticket SET firstResponseAt = COALESCE(firstResponseAt, \(now)),
                  firstAutoResponseAt = COALESCE(firstAutoResponseAt, \(now))
                WHERE id = \(ticketID)
                """)
        } else {
            try session.execute(
                """
                UPDATE ticket SET firstResponseAt = COALESCE(firstResponseAt, \(now)),
                  firstHumanResponseAt = COALESCE(firstHumanResponseAt, \(now))
                WHERE id = \(ticketID)
                """)
        }
        try PostgresKPIs.move(session, from: before, to: try PostgresKPIs.facts(session, publicID: publicID))
    }

    /// Puts a failed or deferred message back in the queue now, its attempts counted from zero.
    public func retryOutbox(id: Int64, now: Date, by person: String) throws -> Bool {
        try connections.transaction { session in
            let requeued = try Self.requeue(session, ids: [id], states: ["failed", "deferred"], now: now, by: person)
            if requeued > 0 { try notify(session, .send) }
            return requeued > 0
        }
    }

    /// Puts every failed message back in the queue; returns how many.
    public func retryFailedOutbox(now: Date, by person: String) throws -> Int {
        try connections.transaction { session in
            let requeued = try Self.requeue(session, ids: nil, states: ["failed"], now: now, by: person)
            if requeued > 0 { try notify(session, .send) }
            return requeued
        }
    }

    private static func requeue(
        _ session: PostgresSession, ids: [Int64]?, states: [String], now: Date, by person: String
    ) throws -> Int {
        let rows = try session.query(
            """
            UPDATE outbox SET state = 'queued', attempts = 0, nextAttemptAt = \(now), claimedBy = NULL
            WHERE state = ANY(\(states)) AND (\(ids == nil) OR id = ANY(\(ids ?? [])))
            RETURNING id, ticketId, sourceMessageId, purpose, lastError
            """)
        let requeued = try rows.map { row in
            (
                id: try row.required(0, as: Int64.self), ticketID: try row.value(1, as: Int64.self),
                sourceID: try row.value(2, as: Int64.self), purpose: try row.required(3, as: String.self),
                lastError: try row.value(4, as: String.self)
            )
        }
        for row in requeued.sorted(by: { $0.id < $1.id }) {
            try appendEvent(
                session, ticketID: row.ticketID, messageID: row.sourceID, outboxID: row.id, at: now,
                type: AuditEventType.retried.rawValue, reason: nil,
                detail: "\(row.purpose) queued again by \(person) (last error: \(row.lastError ?? "none"))")
        }
        return rows.count
    }

    /// Queues again the messages left `sending` by gateways that are gone: stopped, silent for longer than
    /// ``leaseDuration``, or never registered. Sends this gateway (or another live one) has in flight are left
    /// alone. The same Message-ID is reused, so a duplicate is recognisable.
    public func recoverInterruptedSends(now: Date) throws -> Int {
        let silentSince = now.addingTimeInterval(-leaseDuration.seconds)
        let me = gatewayID
        return try connections.transaction { session in
            let rows = try session.query(
                """
                UPDATE outbox SET state = 'queued', nextAttemptAt = \(now), claimedBy = NULL
                WHERE state = 'sending' AND (claimedBy IS NULL OR (claimedBy <> \(me) AND NOT EXISTS (
                  SELECT 1 FROM gateway g WHERE g.id = outbox.claimedBy AND g.stoppedAt IS NULL
                    AND g.heartbeatAt > \(silentSince))))
                RETURNING id, ticketId, sourceMessageId
                """)
            for row in rows {
                try Self.appendEvent(
                    session, ticketID: try row.value(1), messageID: try row.value(2), outboxID: try row.required(0),
                    at: now, type: AuditEventType.deferred.rawValue, reason: "interrupted",
                    detail: "send interrupted by a restart; retrying with the same Message-ID")
            }
            if !rows.isEmpty { try notify(session, .send) }
            return rows.count
        }
    }

    /// When the next pending message is due, if any.
    public func nextOutboxAttempt() throws -> Date? {
        try connections.read { session in
            try session.scalar(
                "SELECT min(nextAttemptAt) FROM outbox WHERE state IN ('queued', 'deferred')", as: Date.self)
        }
    }
}
