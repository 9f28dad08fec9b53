import Foundation
import MailroomCore
import MailroomStore
import PostgresNIO

extension PostgresStore: KPIStore {
    /// The key figures of tickets received in [since, until), as of `now`, from one snapshot.
    public func kpis(since: Date, until: Date, now: Date, quietHours: Int, source: KPISource) throws -> KPIReport {
        try connections.snapshot { session in
            try KPIQueries.report(
                PostgresKPIReader(session: session), since: since, until: until, now: now, quietHours: quietHours,
                source: source)
        }
    }

    /// The dashboard's series, from one snapshot.
    public func kpiSeries(since: Date, until: Date, now: Date, quietHours: Int, bucketDays: Int) throws -> [KPIDay] {
        try connections.snapshot { session in
            try KPIQueries.series(
                PostgresKPIReader(session: session), since: since, until: until, now: now, quietHours: quietHours,
                bucketDays: bucketDays)
        }
    }

    /// Every non-zero daily rollup cell, by day.
    public func rollupCells() throws -> [String: [KPICell: Double]] {
        try connections.read { session in
            var days: [String: [KPICell: Double]] = [:]
            for row in try session.query("SELECT day, name, key, value FROM kpiRollup WHERE value <> 0") {
                days[try row.required(0), default: [:]][KPICell(try row.required(1), try row.required(2))] =
                    try row.required(3, as: Double.self)
            }
            return days
        }
    }

    /// Recomputes every rollup, in one transaction that locks the rollup tables against concurrent updates.
    public func rebuildKPIRollups() throws {
        try connections.transaction { session in try Self.rebuildRollups(session) }
    }

    static func rebuildRollups(_ session: PostgresSession) throws {
        try session.execute("LOCK TABLE kpiRollup, kpiRollupMonth IN EXCLUSIVE MODE")
        try session.execute("DELETE FROM kpiRollup")
        try session.execute("DELETE FROM kpiRollupMonth")
        let days = try KPIQueries.rebuiltDays(PostgresKPIReader(session: session))
        for (day, cells) in days {
            for (cell, value) in cells {
                try session.execute(
                    "INSERT INTO kpiRollup (day, name, key, value) VALUES (\(day), \(cell.name), \(cell.key), \(value))"
                )
            }
        }
        for (month, cells) in KPIQueries.months(of: days) {
            for (cell, value) in cells where value != 0 {
                try session.execute(
                    """
                    INSERT INTO kpiRollupMonth (month, name, key, value)
                    VALUES (\(month), \(cell.name), \(cell.key), \(value))
                    """)
            }
        }
    }

    /// Sets missing SLA due times with their rollups; returns how many tickets got them.
    public func fillSLADueTimes(_ policy: SLAPolicy) throws -> Int {
        try connections.transaction { session in
            let rows = try session.query(
                "SELECT id, publicId, receivedAt, urgency FROM ticket WHERE firstResponseDueAt IS NULL FOR UPDATE"
            ).map {
                (
                    id: try $0.required(0, as: Int64.self), publicID: try $0.required(1, as: String.self),
                    receivedAt: try $0.required(2, as: Date.self), urgency: try $0.value(3, as: String.self)
                )
            }
            guard !rows.isEmpty else { return 0 }
            // Many tickets (a first start after the upgrade): one rebuild; a few: each one's rollup moves.
            let rebuild = rows.count > 20_000
            for row in rows {
                let firstDue = policy.firstResponseDue(receivedAt: row.receivedAt, urgency: row.urgency)
                let resolutionDue = policy.resolutionDue(receivedAt: row.receivedAt, urgency: row.urgency)
                let before = rebuild ? nil : try PostgresKPIs.facts(session, publicID: row.publicID)
                try session.execute(
                    """
                    UPDATE ticket SET firstResponseDueAt = \(firstDue), resolutionDueAt = \(resolutionDue)
                    WHERE id = \(row.id)
                    """)
                if !rebuild {
                    try PostgresKPIs.move(
                        session, from: before, to: try PostgresKPIs.facts(session, publicID: row.publicID))
                }
            }
            if rebuild { try Self.rebuildRollups(session) }
            return rows.count
        }
    }
}

/// ``KPIReader`` over one PostgreSQL transaction.
struct PostgresKPIReader: KPIReader {
    let session: PostgresSession

    private func facts(where condition: String, _ bindings: PostgresBindings, _ each: (KPIFacts) throws -> Void)
        throws
    {
        let sql = "SELECT \(PostgresKPIs.factsColumns) FROM ticket t" + (condition.isEmpty ? "" : " WHERE " + condition)
        for row in try session.query(PostgresQuery(unsafeSQL: sql, binds: bindings)) {
            try each(try PostgresKPIs.facts(row))
        }
    }

    private static func range(_ since: Date?, _ until: Date?) -> PostgresBindings {
        var bindings = PostgresBindings()
        if let since, let until {
            bindings.append(since)
            bindings.append(until)
        }
        return bindings
    }

    func ticketFacts(receivedFrom since: Date?, to until: Date?, _ each: (KPIFacts) throws -> Void) throws {
        let bounded = since != nil && until != nil
        try facts(
            where: bounded ? "t.receivedAt >= $1 AND t.receivedAt < $2" : "", Self.range(since, until), each)
    }

    func openTicketFacts(_ each: (KPIFacts) throws -> Void) throws {
        try facts(where: "t.status IN ('open', 'escalated')", PostgresBindings(), each)
    }

    func recentAutomaticFacts(
        answeredAfter: Date, receivedFrom since: Date, to until: Date, _ each: (KPIFacts) throws -> Void
    ) throws {
        var bindings = PostgresBindings()
        bindings.append(answeredAfter)
        bindings.append(since)
        bindings.append(until)
        try facts(where: "t.autoAnsweredAt > $1 AND t.receivedAt >= $2 AND t.receivedAt < $3", bindings, each)
    }

    func countedEvents(from since: Date?, to until: Date?, _ each: (String, String?, Date) throws -> Void) throws {
        var sql = "SELECT type, reason, at FROM event WHERE type IN ('suppressed', 'escalated') AND reason IS NOT NULL"
        if since != nil && until != nil { sql += " AND at >= $1 AND at < $2" }
        for row in try session.query(PostgresQuery(unsafeSQL: sql, binds: Self.range(since, until))) {
            try each(try row.required(0), try row.value(1), try row.required(2))
        }
    }

    func inboundMessageTimes(from since: Date?, to until: Date?, _ each: (Date) throws -> Void) throws {
        var sql = "SELECT receivedAt FROM message WHERE direction = 'in'"
        if since != nil && until != nil { sql += " AND receivedAt >= $1 AND receivedAt < $2" }
        for row in try session.query(PostgresQuery(unsafeSQL: sql, binds: Self.range(since, until))) {
            try each(try row.required(0))
        }
    }

    func rollupSums(byMonth: Bool, from: String, to: String) throws -> [KPICell: Double] {
        let rows =
            byMonth
            ? try session.query(
                """
                SELECT name, key, sum(value) FROM kpiRollupMonth WHERE month >= \(from) AND month < \(to)
                GROUP BY name, key
                """)
            : try session.query(
                "SELECT name, key, sum(value) FROM kpiRollup WHERE day >= \(from) AND day < \(to) GROUP BY name, key")
        var sums: [KPICell: Double] = [:]
        for row in rows { sums[KPICell(try row.required(0), try row.required(1)), default: 0] += try row.required(2) }
        return sums
    }

    func rollupRows(names: [String], from: String, to: String, _ each: (String, KPICell, Double) throws -> Void)
        throws
    {
        for row in try session.query(
            "SELECT day, name, key, value FROM kpiRollup WHERE name = ANY(\(names)) AND day >= \(from) AND day < \(to)")
        {
            try each(try row.required(0), KPICell(try row.required(1), try row.required(2)), try row.required(3))
        }
    }
}
