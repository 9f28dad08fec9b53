import Foundation
import GRDB
import MailroomCore

/// The daily rollups of the KPIs (`kpiRollup`: day, name, key, value; and the same by month in `kpiRollupMonth`),
/// kept in the same transactions that change tickets: a change subtracts the ticket's old contribution and adds the new one (``KPIContribution``), and
/// events add to their day's counters. ``rebuild(_:)`` recomputes everything from the tickets and events.
package enum KPIRollup {
    /// The columns every facts query selects first, in the order ``facts(_:)`` reads them by position (by name,
    /// GRDB lowercases and compares each name on every read).
    static let factsColumns = """
        t.id, t.receivedAt, t.status, t.intent, t.confidence, t.language, t.autoAnsweredAt,
          t.firstResponseAt, t.firstAutoResponseAt, t.firstHumanResponseAt, t.escalatedAt, t.agentAnsweredAt,
          t.resolvedAt, t.closedAt, t.customerFollowUpAt, t.contradicted, t.reopenCount, t.firstResponseDueAt,
          t.resolutionDueAt
        """

    /// The ticket columns and customer answers that make a ticket's ``KPIFacts``, one row per ticket, with the
    /// answers as correlated subqueries (cheap for one ticket: the feedback and event tables are indexed by ticket).
    static let factsSQL = """
        SELECT \(factsColumns),
          (SELECT COUNT(*) FROM feedback f WHERE f.ticketId = t.id AND f.answer = 'yes') AS feedbackYes,
          (SELECT COUNT(*) FROM feedback f WHERE f.ticketId = t.id AND f.answer = 'no') AS feedbackNo,
          (SELECT COALESCE(SUM(f.rating), 0) FROM feedback f WHERE f.ticketId = t.id) AS ratingSum,
          (SELECT COUNT(f.rating) FROM feedback f WHERE f.ticketId = t.id) AS ratingCount,
          EXISTS (SELECT 1 FROM feedback f WHERE f.ticketId = t.id AND f.rating <= 2) AS lowRating,
          (SELECT COUNT(*) FROM event e WHERE e.ticketId = t.id AND e.type = 'followUp' AND e.reason = 'didNotHelp')
            AS didNotHelpReplies
        FROM ticket t
        """

    /// The facts of a stored ticket row of ``factsSQL`` or ``bulkFactsSQL`` (read by position: ``factsColumns``,
    /// then the six answers in the order both queries select them).
    static func facts(_ row: some PositionalRow) throws -> KPIFacts {
        func count(_ index: Int) -> Int { row.value(index, as: Int.self) ?? 0 }
        guard let receivedAt = row.date(1) else { throw StoreError.missingRow("ticket without receivedAt") }
        return KPIFacts(
            receivedAt: receivedAt, status: row.value(2, as: String.self).flatMap(TicketStatus.init) ?? .open,
            intent: row.value(3, as: String.self), confidence: row.value(4, as: Double.self),
            language: row.value(5, as: String.self), autoAnsweredAt: row.date(6), firstResponseAt: row.date(7),
            firstAutoResponseAt: row.date(8), firstHumanResponseAt: row.date(9), escalatedAt: row.date(10),
            agentAnsweredAt: row.date(11), resolvedAt: row.date(12), closedAt: row.date(13),
            customerFollowUpAt: row.date(14), contradicted: row.value(15, as: Bool.self) ?? false,
            reopenCount: count(16), firstResponseDueAt: row.date(17), resolutionDueAt: row.date(18),
            feedbackYes: count(19), feedbackNo: count(20), ratingSum: count(21), ratingCount: count(22),
            lowRating: row.value(23, as: Bool.self) ?? false, didNotHelpReplies: count(24))
    }

    /// The facts a read of a ticket row just inserted from `record` gives, without reading it: its columns as
    /// stored (dates through their stored text), no feedback yet (nothing can refer to a row that did not exist),
    /// and `didNotHelpReplies`, the "did not help" follow-up events written with it.
    static func facts(inserted record: TicketRecord, didNotHelpReplies: Int) -> KPIFacts {
        func stored(_ date: Date?) -> Date? { date.flatMap { Date.fromDatabaseValue(StoredDate.value($0)) } }
        return KPIFacts(
            receivedAt: stored(record.receivedAt) ?? record.receivedAt, status: record.status, intent: record.intent,
            confidence: record.confidence, language: record.language, autoAnsweredAt: stored(record.autoAnsweredAt),
            firstResponseAt: stored(record.firstResponseAt), firstAutoResponseAt: stored(record.firstAutoResponseAt),
            firstHumanResponseAt: stored(record.firstHumanResponseAt), escalatedAt: stored(record.escalatedAt),
            agentAnsweredAt: stored(record.agentAnsweredAt), resolvedAt: stored(record.resolvedAt),
            closedAt: stored(record.closedAt), customerFollowUpAt: stored(record.customerFollowUpAt),
            contradicted: record.contradicted, reopenCount: record.reopenCount,
            firstResponseDueAt: stored(record.firstResponseDueAt), resolutionDueAt: stored(record.resolutionDueAt),
            didNotHelpReplies: didNotHelpReplies)
    }

    static let factsByPublicIDSQL = factsSQL + " WHERE t.publicId = ?"
    static let factsByIDSQL = factsSQL + " WHERE t.id = ?"

    /// The facts of the ticket with `publicID`, if stored (read from the statement's row: ``SteppedRow``).
    static func facts(_ db: Database, publicID: String) throws -> KPIFacts? {
        try SteppedRow.first(db.cachedStatement(sql: factsByPublicIDSQL), arguments: [publicID], facts)
    }

    /// The facts of the ticket with row id `id`, if stored.
    static func facts(_ db: Database, id: Int64) throws -> KPIFacts? {
        try SteppedRow.first(db.cachedStatement(sql: factsByIDSQL), arguments: [id], facts)
    }

    /// Runs `change` and moves the ticket's contribution from what it was before to what it is after (into
    /// `buffer` when given, written with the rest of its transaction).
    static func tracking<T>(
        _ db: Database, publicID: String?, into buffer: KPIRollupBuffer? = nil, _ change: () throws -> T
    ) throws -> T {
        guard let publicID else { return try change() }
        let before = try facts(db, publicID: publicID)
        let result = try change()
        try move(db, from: before, to: try facts(db, publicID: publicID), into: buffer)
        return result
    }

    /// The same, for a ticket known by its row id.
    static func tracking<T>(_ db: Database, id: Int64?, into buffer: KPIRollupBuffer? = nil, _ change: () throws -> T)
        throws -> T
    {
        guard let id else { return try change() }
        let before = try facts(db, id: id)
        let result = try change()
        try move(db, from: before, to: try facts(db, id: id), into: buffer)
        return result
    }

    /// Writes the difference between two contributions of a ticket (or adds it to `buffer`).
    static func move(_ db: Database, from before: KPIFacts?, to after: KPIFacts?, into buffer: KPIRollupBuffer? = nil)
        throws
    {
        for (day, cells) in delta(from: before, to: after) {
            for (cell, value) in cells { try add(db, day: day, cell, value, into: buffer) }
        }
    }

    /// The difference between two contributions of a ticket, by day and cell (cells that do not change left out).
    package static func delta(from before: KPIFacts?, to after: KPIFacts?) -> [String: [KPICell: Double]] {
        guard before != after else { return [:] }
        // Each side's day is formatted once (it was formatted for every cell: 37 M instructions per 1,000 mails),
        // and the two sides' cells are compared as lists: on the same day, only the cells that differ go into a
        // dictionary.
        let old = before.map { (day: KPIContribution.day($0.receivedAt), cells: KPIContribution.cellList(of: $0)) }
        let new = after.map { (day: KPIContribution.day($0.receivedAt), cells: KPIContribution.cellList(of: $0)) }
        var delta: [String: [KPICell: Double]] = [:]
        if let old, let new, old.day == new.day {
            var changes: [KPICell: Double] = [:]
            var unmatched = old.cells
            for (cell, value) in new.cells {
                if let index = unmatched.firstIndex(where: { $0.cell == cell }) {
                    let difference = value - unmatched[index].value
                    unmatched.swapAt(index, unmatched.count - 1)
                    unmatched.removeLast()
                    if difference != 0 { changes[cell] = difference }
                } else if value != 0 {
                    changes[cell] = value
                }
            }
            for (cell, value) in unmatched where value != 0 { changes[cell] = -value }
            delta[new.day] = changes
            return delta
        }
        for (side, sign) in [(old, -1.0), (new, 1.0)] {
            guard let side else { continue }
            var cells: [KPICell: Double] = [:]
            for (cell, value) in side.cells where value != 0 { cells[cell] = sign * value }
            delta[side.day] = cells
        }
        return delta
    }

    /// Adds `value` to a day's cell and to its month's, or to `buffer` when given (written at the end of its
    /// transaction).
    static func add(_ db: Database, day: String, _ cell: KPICell, _ value: Double, into buffer: KPIRollupBuffer? = nil)
        throws
    {
        if let buffer { return buffer.add(day: day, cell, value) }
        try KPIRollupBuffer.upsert(db, .day, [.init(period: day, cell: cell, value: value)])
        try KPIRollupBuffer.upsert(db, .month, [.init(period: String(day.prefix(7)), cell: cell, value: value)])
    }

    /// The counters an audit event adds to its day: suppressed mail by reason, escalations by reason code.
    package static func cells(ofEvent type: String, reason: String?) -> [KPICell] {
        guard let reason, !reason.isEmpty else { return [] }
        switch type {
        case AuditEventType.suppressed.rawValue: return [KPICell("suppressed", reason)]
        case AuditEventType.escalated.rawValue:
            return reason.split(separator: ",").map { KPICell("escalationReason", String($0)) }
        default: return []
        }
    }

    /// Counts an event as it is inserted (into `buffer` when given).
    static func count(_ db: Database, event type: String, reason: String?, at: Date, into buffer: KPIRollupBuffer?)
        throws
    {
        for cell in cells(ofEvent: type, reason: reason) {
            try add(db, day: KPIContribution.day(at), cell, 1, into: buffer)
        }
    }

    /// Recomputes every rollup from the tickets, the events and the messages (the migration that adds them,
    /// and `mailroom stats --rebuild`).
    static func rebuild(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM kpiRollup")
        try db.execute(sql: "DELETE FROM kpiRollupMonth")
        let days = try KPIQueries.rebuiltDays(SQLiteKPIReader(db: db))
        let statement = try db.makeStatement(sql: "INSERT INTO kpiRollup (day, name, key, value) VALUES (?, ?, ?, ?)")
        for (day, cells) in days {
            for (cell, value) in cells { try statement.execute(arguments: [day, cell.name, cell.key, value]) }
        }
        let monthly = try db.makeStatement(
            sql: "INSERT INTO kpiRollupMonth (month, name, key, value) VALUES (?, ?, ?, ?)")
        for (month, cells) in KPIQueries.months(of: days) {
            for (cell, value) in cells where value != 0 {
                try monthly.execute(arguments: [month, cell.name, cell.key, value])
            }
        }
    }

    /// ``factsSQL`` for every ticket at once, with the answers joined as aggregates (one pass over each table).
    static let bulkFactsSQL = """
        SELECT \(factsColumns), COALESCE(f.yes, 0) AS feedbackYes, COALESCE(f.no, 0) AS feedbackNo,
          COALESCE(f.ratingSum, 0) AS ratingSum, COALESCE(f.ratingCount, 0) AS ratingCount,
          COALESCE(f.lowRating, 0) AS lowRating, COALESCE(d.n, 0) AS didNotHelpReplies
        FROM ticket t
        LEFT JOIN (SELECT ticketId, SUM(answer = 'yes') AS yes, SUM(answer = 'no') AS no,
                     COALESCE(SUM(rating), 0) AS ratingSum, COUNT(rating) AS ratingCount,
                     MAX(COALESCE(rating, 5) <= 2) AS lowRating
                   FROM feedback GROUP BY ticketId) f ON f.ticketId = t.id
        LEFT JOIN (SELECT ticketId, COUNT(*) AS n FROM event WHERE type = 'followUp' AND reason = 'didNotHelp'
                   GROUP BY ticketId) d ON d.ticketId = t.id
        """
}
