import Foundation
import MailroomCore
import MailroomStore
import NIOCore
import PostgresNIO

extension PostgresStore: SearchStore {
    /// One page of tickets matching `query`, newest first; words match as prefixes, all of them (as FTS5 did).
    public func tickets(_ query: TicketQuery) throws -> TicketPage {
        try connections.read { session in
            var conditions: [String] = []
            var bindings = PostgresBindings()
            func add(_ condition: (String) -> String, _ value: some PostgresDynamicTypeEncodable) {
                bindings.append(value)
                conditions.append(condition("$\(bindings.count)"))
            }
            if let status = query.status { add({ "t.status = \($0)" }, status.rawValue) }
            if let intent = query.intent { add({ "t.intent = \($0)" }, intent) }
            if let language = query.language { add({ "t.language = \($0)" }, language) }
            if let customer = query.customer { add({ "strpos(t.customerEmail, \($0)) > 0" }, customer.lowercased()) }
            if let since = query.since { add({ "t.receivedAt >= \($0)" }, since) }
            if let until = query.until { add({ "t.receivedAt < \($0)" }, until) }
            if let before = query.before { add({ "t.id < \($0)" }, before) }
            let words = query.words.map(PostgresTickets.searchWords).flatMap { $0.split(separator: " ") }
            if !words.isEmpty {
                add({ "t.search @@ to_tsquery('simple', \($0))" }, words.map { "\($0):*" }.joined(separator: " & "))
            }
            let limit = min(max(query.limit, 1), 200)
            bindings.append(Int64(limit + 1))
            let sql =
                "SELECT t.id, \(PostgresTickets.columns) FROM ticket t"
                + (conditions.isEmpty ? "" : " WHERE " + conditions.joined(separator: " AND "))
                + " ORDER BY t.id DESC LIMIT $\(bindings.count)"
            let rows = try session.query(PostgresQuery(unsafeSQL: sql, binds: bindings)).map { row in
                (rowID: try row.required(0, as: Int64.self), ticket: try PostgresTickets.ticket(row, offset: 1))
            }
            let page = Array(rows.prefix(limit))
            return TicketPage(tickets: page, next: rows.count > limit ? page.last?.rowID : nil)
        }
    }
}

extension PostgresStore: ViewStore {
    /// The most recent tickets with their latest decision.
    public func ticketSummaries(limit: Int) throws -> [TicketSummary] {
        try connections.read { session in
            try session.query(
                """
                SELECT t.publicId, t.customerEmail, t.subject, t.status, t.intent, t.confidence, t.language,
                  t.receivedAt, t.firstResponseAt,
                  (SELECT e.reason FROM event e WHERE e.ticketId = t.id AND e.type IN ('decided', 'suppressed')
                   ORDER BY e.id DESC LIMIT 1),
                  (SELECT e.detail FROM event e WHERE e.ticketId = t.id AND e.type IN ('decided', 'suppressed')
                   ORDER BY e.id DESC LIMIT 1),
                  (SELECT m.outcome FROM message m WHERE m.ticketId = t.id ORDER BY m.id DESC LIMIT 1)
                FROM ticket t ORDER BY t.id DESC LIMIT \(Int64(limit))
                """
            ).map { row in
                let reason = [try row.value(9, as: String.self), try row.value(10, as: String.self)].compactMap { $0 }
                return TicketSummary(
                    publicID: try row.required(0), customer: try row.required(1), subject: try row.required(2),
                    status: try row.required(3), intent: try row.value(4), confidence: try row.value(5),
                    language: try row.value(6), decision: try row.value(11), reason: reason.joined(separator: ": "),
                    receivedAt: try row.required(7), firstResponseAt: try row.value(8))
            }
        }
    }

    /// Messages held for a person, newest first.
    public func quarantined() throws -> [QuarantineSummary] {
        try connections.read { session in
            try session.query(
                """
                SELECT q.messageId, q.reason, q.detail, q.createdAt, m.fromAddress, m.subject FROM quarantine q
                JOIN message m ON m.id = q.messageId WHERE q.releasedAt IS NULL AND q.dismissedAt IS NULL
                ORDER BY q.id DESC
                """
            ).map {
                QuarantineSummary(
                    messageRowID: try $0.required(0), reason: try $0.required(1), detail: try $0.required(2),
                    from: try $0.value(4), subject: try $0.value(5), createdAt: try $0.required(3))
            }
        }
    }

    /// Outgoing mail, newest first.
    public func outboxSummaries(states: [OutboxState], ticket publicID: String?, limit: Int) throws
        -> [OutboxSummary]
    {
        let stateNames = states.map(\.rawValue)
        return try connections.read { session in
            try session.query(
                """
                SELECT o.id, t.publicId, o.purpose, o.recipients, o.subject, o.state, o.attempts, o.lastError,
                  o.errorClass, o.createdAt, o.nextAttemptAt
                FROM outbox o LEFT JOIN ticket t ON t.id = o.ticketId
                WHERE (cardinality(\(stateNames)::text[]) = 0 OR o.state = ANY(\(stateNames)))
                  AND (\(publicID)::text IS NULL OR t.publicId = \(publicID))
                ORDER BY o.id DESC LIMIT \(Int64(limit))
                """
            ).map {
                OutboxSummary(
                    id: try $0.required(0), ticket: try $0.value(1), purpose: try $0.required(2),
                    recipients: PostgresTickets.strings(try $0.required(3)), subject: try $0.required(4),
                    state: OutboxState(rawValue: try $0.required(5)) ?? .queued,
                    attempts: Int(try $0.required(6, as: Int32.self)), lastError: try $0.value(7),
                    errorClass: try $0.value(8), createdAt: try $0.required(9), nextAttemptAt: try $0.required(10))
            }
        }
    }

    /// How many outgoing mails are in `states`.
    public func outboxCount(states: [OutboxState]) throws -> Int {
        let stateNames = states.map(\.rawValue)
        return try connections.read { session in
            Int(
                try session.scalar("SELECT count(*) FROM outbox WHERE state = ANY(\(stateNames))", as: Int64.self)
                    ?? 0)
        }
    }

    /// How many stored messages are in each state.
    public func messageCounts() throws -> [String: Int] {
        try connections.read { session in
            let rows = try session.query("SELECT state, count(*) FROM message GROUP BY state").map {
                (try $0.required(0, as: String.self), Int(try $0.required(1, as: Int64.self)))
            }
            return Dictionary(uniqueKeysWithValues: rows)
        }
    }

    /// The mailboxes with their checkpoints, by name.
    public func mailboxes() throws -> [MailboxSummary] {
        try connections.read { session in
            try session.query(
                "SELECT name, uidValidity, lastUID, lastPollAt, lastMessageAt, lastError FROM mailbox ORDER BY name"
            ).map {
                let validity = try $0.value(1, as: Int64.self).map(String.init) ?? "-"
                return MailboxSummary(
                    name: try $0.required(0), checkpoint: "\(validity)/\(try $0.required(2, as: Int64.self))",
                    lastPollAt: try $0.value(3), lastMessageAt: try $0.value(4), lastError: try $0.value(5))
            }
        }
    }

    /// The bytes of an outgoing mail.
    public func outboxRaw(id: Int64) throws -> [UInt8]? {
        try connections.read { session in
            try session.query("SELECT raw FROM outbox WHERE id = \(id)").first.map {
                try $0.value(0, as: ByteBuffer.self).map { Array($0.readableBytesView) } ?? []
            }
        }
    }
}
