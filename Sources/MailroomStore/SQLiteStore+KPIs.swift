import Foundation
import GRDB
import MailroomCore

/// Where the figures of a report come from.
public enum KPISource: String, Sendable {
    /// The daily rollups (whole UTC days), with the partial days at the edges computed from the tickets.
    case rollups
    /// Every ticket, event and message of the period, read one by one (the reference the rollups must match).
    case tickets
}

extension SQLiteStore: KPIStore {
    /// The key figures of tickets received in [since, until), as of `now` (docs/KPIS.md).
    public func kpis(
        since: Date, until: Date, now: Date, quietHours: Int = 72, source: KPISource = .rollups
    ) throws -> KPIReport {
        try StoreError.wrapping {
            try pool.read { db in
                try KPIQueries.report(
                    SQLiteKPIReader(db: db), since: since, until: until, now: now, quietHours: quietHours,
                    source: source)
            }
        }
    }

    /// Recomputes every rollup from the tickets, the events and the messages (`mailroom stats --rebuild`).
    public func rebuildKPIRollups() throws {
        try StoreError.wrapping { try pool.write { db in try KPIRollup.rebuild(db) } }
    }

    /// Every non-zero daily rollup cell, by day.
    public func rollupCells() throws -> [String: [KPICell: Double]] {
        try StoreError.wrapping {
            try pool.read { db in
                var days: [String: [KPICell: Double]] = [:]
                for row in try Row.fetchAll(db, sql: "SELECT day, name, key, value FROM kpiRollup WHERE value <> 0") {
                    days[row[0], default: [:]][KPICell(row[1], row[2])] = row[3]
                }
                return days
            }
        }
    }

    /// The figures of each UTC day in [since, until) for the dashboard's charts, from the daily rollups; with
    /// `bucketDays` above 1, of each run of that many days (the cells add up, so percentiles stay exact), labelled
    /// with its first day.
    public func kpiSeries(since: Date, until: Date, now: Date, quietHours: Int = 72, bucketDays: Int = 1) throws
        -> [KPIDay]
    {
        try StoreError.wrapping {
            try pool.read { db in
                try KPIQueries.series(
                    SQLiteKPIReader(db: db), since: since, until: until, now: now, quietHours: quietHours,
                    bucketDays: bucketDays)
            }
        }
    }

    /// Sets the SLA due times of tickets that have none (stored before there were any) from their receipt and
    /// urgency, with their rollups; returns how many tickets got them.
    public func fillSLADueTimes(_ policy: SLAPolicy) throws -> Int {
        try StoreError.wrapping {
            try pool.write { db in
                let rows = try Row.fetchAll(
                    db, sql: "SELECT id, receivedAt, urgency FROM ticket WHERE firstResponseDueAt IS NULL")
                guard !rows.isEmpty else { return 0 }
                let statement = try db.makeStatement(
                    sql: "UPDATE ticket SET firstResponseDueAt = ?, resolutionDueAt = ? WHERE id = ?")
                // Many tickets (a first start after the upgrade): one rebuild; a few: each one's rollup moves.
                let rebuild = rows.count > 20_000
                for row in rows {
                    let received: Date = row["receivedAt"]
                    let urgency: String? = row["urgency"]
                    let arguments: StatementArguments = [
                        policy.firstResponseDue(receivedAt: received, urgency: urgency),
                        policy.resolutionDue(receivedAt: received, urgency: urgency), row["id"],
                    ]
                    if rebuild {
                        try statement.execute(arguments: arguments)
                    } else {
                        try KPIRollup.tracking(db, id: row["id"]) { try statement.execute(arguments: arguments) }
                    }
                }
                if rebuild { try KPIRollup.rebuild(db) }
                return rows.count
            }
        }
    }
}

extension SQLiteStore {
}

/// ``KPIReader`` over one SQLite read (or write) transaction.
struct SQLiteKPIReader: KPIReader {
    let db: Database

    func ticketFacts(receivedFrom since: Date?, to until: Date?, _ each: (KPIFacts) throws -> Void) throws {
        let rows =
            if let since, let until {
                try Row.fetchCursor(
                    db, sql: KPIRollup.factsSQL + " WHERE t.receivedAt >= ? AND t.receivedAt < ?",
                    arguments: [StoredDate.value(since), StoredDate.value(until)])
            } else {
                try Row.fetchCursor(db, sql: KPIRollup.bulkFactsSQL)
            }
        while let row = try rows.next() { try each(try KPIRollup.facts(row)) }
    }

    func openTicketFacts(_ each: (KPIFacts) throws -> Void) throws {
        let rows = try Row.fetchCursor(db, sql: KPIRollup.factsSQL + " WHERE t.status IN ('open', 'escalated')")
        while let row = try rows.next() { try each(try KPIRollup.facts(row)) }
    }

    func recentAutomaticFacts(
        answeredAfter: Date, receivedFrom since: Date, to until: Date, _ each: (KPIFacts) throws -> Void
    ) throws {
        let rows = try Row.fetchCursor(
            db,
            // `+` keeps SQLite on the autoAnsweredAt index (a few days of answers), not the period's receipts.
            sql: KPIRollup.factsSQL + " WHERE t.autoAnsweredAt > ? AND +t.receivedAt >= ? AND +t.receivedAt < ?",
            arguments: [StoredDate.value(answeredAfter), StoredDate.value(since), StoredDate.value(until)])
        while let row = try rows.next() { try each(try KPIRollup.facts(row)) }
    }

    func countedEvents(from since: Date?, to until: Date?, _ each: (String, String?, Date) throws -> Void) throws {
        let rows =
            if let since, let until {
                try Row.fetchCursor(db, sql: EventQueries.countedEventsBetween, arguments: [since, until])
            } else {
                try Row.fetchCursor(db, sql: EventQueries.countedEvents)
            }
        while let row = try rows.next() { try each(row["type"], row["reason"], row["at"]) }
    }

    func inboundMessageTimes(from since: Date?, to until: Date?, _ each: (Date) throws -> Void) throws {
        var sql = "SELECT receivedAt FROM message WHERE direction = 'in'"
        var arguments: StatementArguments = []
        if let since, let until {
            sql += " AND receivedAt >= ? AND receivedAt < ?"
            arguments = [since, until]
        }
        let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
        while let row = try rows.next() { try each(row["receivedAt"]) }
    }

    func rollupSums(byMonth: Bool, from: String, to: String) throws -> [KPICell: Double] {
        let sql =
            byMonth
            ? "SELECT name, key, SUM(value) FROM kpiRollupMonth WHERE month >= ? AND month < ? GROUP BY name, key"
            : "SELECT name, key, SUM(value) FROM kpiRollup WHERE day >= ? AND day < ? GROUP BY name, key"
        var sums: [KPICell: Double] = [:]
        let rows = try Row.fetchCursor(db, sql: sql, arguments: [from, to])
        while let row = try rows.next() { sums[KPICell(row[0], row[1]), default: 0] += row[2] }
        return sums
    }

    func rollupRows(names: [String], from: String, to: String, _ each: (String, KPICell, Double) throws -> Void)
        throws
    {
        let marks = names.map { _ in "?" }.joined(separator: ", ")
        let rows = try Row.fetchCursor(
            db, sql: "SELECT day, name, key, value FROM kpiRollup WHERE name IN (\(marks)) AND day >= ? AND day < ?",
            arguments: StatementArguments(names + [from, to]))
        while let row = try rows.next() { try each(row[0], KPICell(row[1], row[2]), row[3]) }
    }
}
