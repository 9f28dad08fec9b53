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

extension SQLiteStore {
    /// The key figures of tickets received in [since, until), as of `now` (docs/KPIS.md).
    public func kpis(
        since: Date, until: Date, now: Date, quietHours: Int = 72, source: KPISource = .rollups
    ) throws -> KPIReport {
        try StoreError.wrapping {
            try pool.read { db in
                var aggregate = KPIAggregate()
                switch source {
                case .tickets:
                    aggregate = try Self.aggregateFromTickets(db, since: since, until: until)
                case .rollups:
                    let firstDay = Self.dayStart(since, roundingUp: true)
                    // Nothing is received after `now`: today's rollup is complete up to then.
                    let lastDay = until >= now ? Self.dayStart(until, roundingUp: true) : Self.dayStart(until)
                    if firstDay < lastDay {
                        aggregate = try Self.aggregateFromRollups(db, from: firstDay, to: lastDay)
                        aggregate.merge(try Self.aggregateFromTickets(db, since: since, until: min(firstDay, until)))
                        if lastDay < until {
                            aggregate.merge(try Self.aggregateFromTickets(db, since: lastDay, until: until))
                        }
                    } else {
                        aggregate = try Self.aggregateFromTickets(db, since: since, until: until)
                    }
                }
                let live = try Self.live(db, since: since, until: until, now: now, quietHours: quietHours)
                return KPIReport(
                    aggregate: aggregate, live: live, since: since, until: until, quietHours: quietHours, now: now)
            }
        }
    }

    /// Recomputes the daily rollups from the tickets, events and messages.
    public func rebuildKPIRollups() throws {
        try StoreError.wrapping { try pool.write { db in try KPIRollup.rebuild(db) } }
    }

    static func dayStart(_ date: Date, roundingUp: Bool = false) -> Date {
        let days = date.timeIntervalSince1970 / 86_400
        return Date(timeIntervalSince1970: (roundingUp ? days.rounded(.up) : days.rounded(.down)) * 86_400)
    }

    /// The rollups of whole days [from, to), added up by SQLite: whole months from the monthly rollups, the days
    /// around them from the daily ones.
    static func aggregateFromRollups(_ db: Database, from: Date, to: Date) throws -> KPIAggregate {
        var aggregate = KPIAggregate()
        let first = monthStart(onOrAfter: from)
        let last = monthStart(onOrBefore: to)
        func add(_ sql: String, _ arguments: StatementArguments) throws {
            let rows = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try rows.next() {
                aggregate.totals[KPICell(row["name"], row["key"]), default: 0] += row["value"]
            }
        }
        let daily = "SELECT name, key, SUM(value) AS value FROM kpiRollup WHERE day >= ? AND day < ? GROUP BY name, key"
        if first < last {
            try add(
                "SELECT name, key, SUM(value) AS value FROM kpiRollupMonth WHERE month >= ? AND month < ? GROUP BY name, key",
                [String(KPIContribution.day(first).prefix(7)), String(KPIContribution.day(last).prefix(7))])
            if from < first { try add(daily, [KPIContribution.day(from), KPIContribution.day(first)]) }
            if last < to { try add(daily, [KPIContribution.day(last), KPIContribution.day(to)]) }
        } else {
            try add(daily, [KPIContribution.day(from), KPIContribution.day(to)])
        }
        let days: StatementArguments = [KPIContribution.day(from), KPIContribution.day(to)]
        for (name, key) in [("tickets", ""), ("messages", "in")] {
            let rows = try Row.fetchCursor(
                db, sql: "SELECT day, value FROM kpiRollup WHERE name = ? AND key = ? AND day >= ? AND day < ?",
                arguments: [name, key] + days)
            while let row = try rows.next() {
                if name == "tickets" {
                    aggregate.ticketsByDay[row["day"], default: 0] += row["value"]
                } else {
                    aggregate.messagesByDay[row["day"], default: 0] += row["value"]
                }
            }
        }
        return aggregate
    }

    /// The first day of a month at or after `date` (a UTC midnight).
    static func monthStart(onOrAfter date: Date) -> Date {
        let day = KPIContribution.day(date)
        if day.hasSuffix("-01") { return date }
        let start = monthStart(onOrBefore: date)
        return monthStart(onOrBefore: start.addingTimeInterval(32 * 86_400))
    }

    /// The first day of the month of `date`.
    static func monthStart(onOrBefore date: Date) -> Date {
        KPIContribution.start(ofDay: String(KPIContribution.day(date).prefix(8)) + "01") ?? date
    }

    /// The figures of [since, until) read from every ticket, event and message in it.
    static func aggregateFromTickets(_ db: Database, since: Date, until: Date) throws -> KPIAggregate {
        var aggregate = KPIAggregate()
        guard since < until else { return aggregate }
        let range: StatementArguments = [since, until]
        let tickets = try Row.fetchCursor(
            db, sql: KPIRollup.factsSQL + " WHERE t.receivedAt >= ? AND t.receivedAt < ?", arguments: range)
        while let row = try tickets.next() { aggregate.add(KPIRollup.facts(row)) }
        let events = try Row.fetchCursor(
            db,
            sql: """
                SELECT type, reason, at FROM event
                WHERE type IN ('suppressed', 'escalated') AND at >= ? AND at < ? AND reason IS NOT NULL
                """, arguments: range)
        while let row = try events.next() {
            for cell in KPIRollup.cells(ofEvent: row["type"], reason: row["reason"]) {
                aggregate.add(day: KPIContribution.day(row["at"]), cell, 1)
            }
        }
        let messages = try Row.fetchCursor(
            db,
            sql: """
                SELECT receivedAt FROM message WHERE direction = 'in' AND receivedAt >= ? AND receivedAt < ?
                """, arguments: range)
        while let row = try messages.next() {
            aggregate.add(day: KPIContribution.day(row["receivedAt"]), KPICell("messages", "in"), 1)
        }
        return aggregate
    }

    /// The backlog (open and escalated tickets, whatever their period) and the period's recent automatic answers.
    static func live(_ db: Database, since: Date, until: Date, now: Date, quietHours: Int) throws -> KPILive {
        var live = KPILive()
        let backlog = try Row.fetchCursor(db, sql: KPIRollup.factsSQL + " WHERE t.status IN ('open', 'escalated')")
        while let row = try backlog.next() {
            let facts = KPIRollup.facts(row)
            live.addBacklog(facts, now: now, inPeriod: facts.receivedAt >= since && facts.receivedAt < until)
        }
        let recent = try Row.fetchCursor(
            db,
            // `+` keeps SQLite on the autoAnsweredAt index (a few days of answers), not the period's receipts.
            sql: KPIRollup.factsSQL + " WHERE t.autoAnsweredAt > ? AND +t.receivedAt >= ? AND +t.receivedAt < ?",
            arguments: [now.addingTimeInterval(-Double(quietHours) * 3600), since, until])
        while let row = try recent.next() {
            live.addRecentAutomatic(KPIRollup.facts(row), now: now, quietHours: quietHours)
        }
        return live
    }
}

extension SQLiteStore {
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
    /// The figures of each UTC day in [since, until) for the dashboard's charts, from the daily rollups; with
    /// `bucketDays` above 1, of each run of that many days (the cells add up, so percentiles stay exact), labelled
    /// with its first day.
    public func kpiSeries(since: Date, until: Date, now: Date, quietHours: Int = 72, bucketDays: Int = 1) throws
        -> [KPIDay]
    {
        try StoreError.wrapping {
            try pool.read { db in
                var days: [String: KPIAggregate] = [:]
                let first = KPIContribution.day(Self.dayStart(since))
                let last = KPIContribution.day(Self.dayStart(until, roundingUp: true))
                let rows = try Row.fetchCursor(
                    db,
                    sql: """
                        SELECT day, name, key, value FROM kpiRollup
                        WHERE name IN ('tickets', 'autoReplied', 'escalated', 'notDurable', 'frt', 'sla')
                          AND day >= ? AND day < ?
                        """, arguments: [first, last])
                while let row = try rows.next() {
                    let day: String = row["day"]
                    days[day, default: KPIAggregate()].totals[KPICell(row["name"], row["key"]), default: 0] +=
                        row["value"]
                }
                var series: [KPIDay] = []
                var cursor = Self.dayStart(since)
                let span = Double(max(1, bucketDays)) * 86_400
                while cursor < until {
                    let end = min(cursor.addingTimeInterval(span), Self.dayStart(until, roundingUp: true))
                    var cells = KPIAggregate()
                    var day = cursor
                    while day < end {
                        if let aggregate = days[KPIContribution.day(day)] { cells.merge(aggregate) }
                        day = day.addingTimeInterval(86_400)
                    }
                    let quietOver = end.addingTimeInterval(Double(quietHours) * 3600) <= now
                    series.append(
                        KPIDay(
                            day: KPIContribution.day(cursor), cells: cells, quietHours: quietHours,
                            quietOver: quietOver))
                    cursor = end
                }
                return series
            }
        }
    }
}
