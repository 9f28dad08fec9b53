import Foundation
import MailroomCore
import MailroomStore
import PostgresNIO

/// The KPI rollups on PostgreSQL, moved in the same transaction as the ticket (as on SQLite: the ticket's old
/// contribution out, the new one in).
enum PostgresKPIs {
    /// The columns that make a ticket's facts (`t` is the ticket table), as on SQLite.
    static let factsColumns = """
        t.receivedAt, t.status, t.intent, t.confidence, t.language, t.autoAnsweredAt,
          t.firstResponseAt, t.firstAutoResponseAt, t.firstHumanResponseAt, t.escalatedAt, t.agentAnsweredAt,
          t.resolvedAt, t.closedAt, t.customerFollowUpAt, t.contradicted, t.reopenCount, t.firstResponseDueAt,
          t.resolutionDueAt,
          (SELECT count(*) FROM feedback f WHERE f.ticketId = t.id AND f.answer = 'yes'),
          (SELECT count(*) FROM feedback f WHERE f.ticketId = t.id AND f.answer = 'no'),
          (SELECT COALESCE(sum(f.rating), 0) FROM feedback f WHERE f.ticketId = t.id)::bigint,
          (SELECT count(f.rating) FROM feedback f WHERE f.ticketId = t.id),
          EXISTS (SELECT 1 FROM feedback f WHERE f.ticketId = t.id AND f.rating <= 2),
          (SELECT count(*) FROM event e WHERE e.ticketId = t.id AND e.type = 'followUp' AND e.reason = 'didNotHelp')
        """

    /// The facts of the ticket with `publicID`, if stored.
    static func facts(_ session: PostgresSession, publicID: String) throws -> KPIFacts? {
        try session.query(
            PostgresQuery(
                unsafeSQL: "SELECT \(factsColumns) FROM ticket t WHERE t.publicId = $1",
                binds: try PostgresLookup.binds(publicID))
        ).first.map(facts)
    }

    /// Facts from a row of ``factsColumns``.
    static func facts(_ row: PostgresRow) throws -> KPIFacts {
        KPIFacts(
            receivedAt: try row.required(0), status: TicketStatus(rawValue: try row.required(1)) ?? .open,
            intent: try row.value(2), confidence: try row.value(3), language: try row.value(4),
            autoAnsweredAt: try row.value(5), firstResponseAt: try row.value(6), firstAutoResponseAt: try row.value(7),
            firstHumanResponseAt: try row.value(8), escalatedAt: try row.value(9), agentAnsweredAt: try row.value(10),
            resolvedAt: try row.value(11), closedAt: try row.value(12), customerFollowUpAt: try row.value(13),
            contradicted: try row.required(14), reopenCount: Int(try row.required(15, as: Int32.self)),
            firstResponseDueAt: try row.value(16), resolutionDueAt: try row.value(17),
            feedbackYes: Int(try row.required(18, as: Int64.self)),
            feedbackNo: Int(try row.required(19, as: Int64.self)),
            ratingSum: Int(try row.required(20, as: Int64.self)),
            ratingCount: Int(try row.required(21, as: Int64.self)),
            lowRating: try row.required(22), didNotHelpReplies: Int(try row.required(23, as: Int64.self)))
    }

    /// Writes the difference between two contributions.
    static func move(_ session: PostgresSession, from before: KPIFacts?, to after: KPIFacts?) throws {
        try add(session, KPIRollup.delta(from: before, to: after))
    }

    /// Adds `delta` to the daily and the monthly rollups: one statement for each, whatever the number of cells,
    /// with the rows in a fixed order (day, then cell) so two gateways touching the same rows lock them in the
    /// same order and never deadlock.
    static func add(_ session: PostgresSession, _ delta: [String: [KPICell: Double]]) throws {
        guard session.pending.isCollecting else { return try write(session, delta) }
        for (day, cells) in delta {
            for (cell, value) in cells { session.pending.delta[day, default: [:]][cell, default: 0] += value }
        }
    }

    /// Writes `delta` now.
    static func write(_ session: PostgresSession, _ delta: [String: [KPICell: Double]]) throws {
        var days: [(String, KPICell, Double)] = []
        var months: [String: [KPICell: Double]] = [:]
        for day in delta.keys.sorted() {
            for (cell, value) in delta[day, default: [:]].sorted(by: { $0.key < $1.key }) where value != 0 {
                days.append((day, cell, value))
                months[String(day.prefix(7)), default: [:]][cell, default: 0] += value
            }
        }
        guard !days.isEmpty else { return }
        try upsert(session, table: "kpiRollup", period: "day", rows: days)
        var monthRows: [(String, KPICell, Double)] = []
        for month in months.keys.sorted() {
            for (cell, value) in months[month, default: [:]].sorted(by: { $0.key < $1.key }) {
                monthRows.append((month, cell, value))
            }
        }
        try upsert(session, table: "kpiRollupMonth", period: "month", rows: monthRows)
    }

    private static func upsert(
        _ session: PostgresSession, table: String, period: String, rows: [(String, KPICell, Double)]
    ) throws {
        var bindings = PostgresBindings(capacity: rows.count * 4)
        var tuples: [String] = []
        for (key, cell, value) in rows {
            bindings.append(key)
            bindings.append(cell.name)
            bindings.append(cell.key)
            bindings.append(value)
            let base = bindings.count - 4
            tuples.append("($\(base + 1), $\(base + 2), $\(base + 3), $\(base + 4))")
        }
        try session.execute(
            PostgresQuery(
                unsafeSQL: """
                    INSERT INTO \(table) (\(period), name, key, value) VALUES \(tuples.joined(separator: ", "))
                    ON CONFLICT (\(period), name, key) DO UPDATE SET value = \(table).value + excluded.value
                    """, binds: bindings))
    }
}
