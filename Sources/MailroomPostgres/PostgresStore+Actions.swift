import Foundation
import MailroomCore
import MailroomStore
import NIOCore
import PostgresNIO

extension PostgresStore: ActionStore {
    /// Runs `body` with a lookup, in a transaction of its own.
    public func read<T>(_ body: (any GatewayLookup) throws -> T) throws -> T {
        try connections.transaction { session in try body(PostgresLookup(session: session)) }
    }

    /// Applies an agent's action in one transaction; the ticket's rollups move with it.
    public func applyAction(_ outcome: ProcessingOutcome, now: Date) throws {
        guard let ticket = outcome.ticket else { return }
        try connections.transaction { session in
            let before = try PostgresKPIs.facts(session, publicID: ticket.publicID)
            let ticketID = try PostgresTickets.save(ticket, session)
            let outboxIDs = try PostgresOutboxWrites.queue(
                outcome.outbox, ticketID: ticketID, sourceRow: nil, session, now: now)
            for event in outcome.events {
                try Self.appendEvent(
                    session, ticketID: ticketID, outboxID: event.outboxMessageID.flatMap { outboxIDs[$0] }, at: now,
                    type: event.type.rawValue, reason: event.reason, detail: event.detail)
            }
            try PostgresKPIs.move(session, from: before, to: try PostgresKPIs.facts(session, publicID: ticket.publicID))
            if !outcome.outbox.isEmpty { try notify(session, .send) }
        }
    }

    private static let messageColumns = """
        m.id, m.source, m.submittedBy, m.receivedAt, m.fromAddress, m.subject, m.kind, m.state, m.outcome, m.raw
        """

    /// The messages of a ticket, oldest first.
    public func messages(ticket publicID: String) throws -> [StoredMessage] {
        try connections.read { session in
            var bindings = PostgresBindings()
            bindings.append(publicID)
            return try session.query(
                PostgresQuery(
                    unsafeSQL: """
                        SELECT \(Self.messageColumns) FROM message m JOIN ticket t ON t.id = m.ticketId
                        WHERE t.publicId = $1 ORDER BY m.id
                        """, binds: bindings)
            ).map(Self.storedMessage)
        }
    }

    /// One stored message.
    public func message(rowID: Int64) throws -> StoredMessage? {
        try connections.read { session in
            try session.query(
                PostgresQuery(
                    unsafeSQL: "SELECT \(Self.messageColumns) FROM message m WHERE m.id = $1",
                    binds: try Self.binds(rowID))
            ).first.map(Self.storedMessage)
        }
    }

    /// The customer's latest own mail on a ticket.
    public func lastCustomerMessage(ticket publicID: String) throws -> StoredMessage? {
        let customer = try ticket(publicID: publicID)?.customerEmail
        return try messages(ticket: publicID).last {
            $0.submittedBy == nil && $0.fromAddress != nil && $0.kind == "normal" && $0.fromAddress == customer
        }
    }

    /// Releases a held message for processing again.
    public func releaseQuarantine(messageRowID: Int64, by person: String, now: Date) throws -> QuarantineAction {
        try connections.transaction { session in
            guard
                let row = try session.query(
                    """
                    SELECT m.oversizedSize, m.ticketId FROM quarantine q JOIN message m ON m.id = q.messageId
                    WHERE q.messageId = \(messageRowID) AND q.releasedAt IS NULL AND q.dismissedAt IS NULL
                    FOR UPDATE OF q
                    """
                ).first
            else { return .notFound }
            if let size = try row.value(0, as: Int64.self) {
                return .notReleasable(
                    "only the header of this \(size)-byte message was downloaded; raise imap.maxMessageBytes "
                        + "and fetch it again, or dismiss it")
            }
            try session.execute(
                "UPDATE quarantine SET releasedAt = \(now), releasedBy = \(person) WHERE messageId = \(messageRowID)")
            try session.execute("UPDATE message SET state = 'received' WHERE id = \(messageRowID)")
            try notify(session, .process)
            try session.execute("UPDATE outbox SET sourceMessageId = NULL WHERE sourceMessageId = \(messageRowID)")
            try Self.appendEvent(
                session, ticketID: try row.value(1), messageID: messageRowID, at: now,
                type: AuditEventType.quarantined.rawValue, reason: "reviewed", detail: "released by \(person)")
            return .done
        }
    }

    /// Dismisses a held message.
    public func dismissQuarantine(messageRowID: Int64, by person: String, reason: String, now: Date) throws
        -> QuarantineAction
    {
        try connections.transaction { session in
            let changed = try session.execute(
                """
                UPDATE quarantine SET dismissedAt = \(now), dismissedBy = \(person), dismissReason = \(reason)
                WHERE messageId = \(messageRowID) AND releasedAt IS NULL AND dismissedAt IS NULL
                """)
            guard changed > 0 else { return .notFound }
            try Self.appendEvent(
                session, messageID: messageRowID, at: now, type: AuditEventType.quarantined.rawValue,
                reason: "reviewed", detail: "dismissed by \(person): \(reason)")
            return .done
        }
    }

    static func storedMessage(_ row: PostgresRow) throws -> StoredMessage {
        StoredMessage(
            id: try row.required(0), source: try row.required(1), submittedBy: try row.value(2),
            receivedAt: try row.required(3), fromAddress: try row.value(4), subject: try row.value(5),
            kind: try row.value(6), state: MessageState(rawValue: try row.required(7)) ?? .received,
            outcome: try row.value(8),
            raw: try row.value(9, as: ByteBuffer.self).map { Array($0.readableBytesView) } ?? [])
    }
}
