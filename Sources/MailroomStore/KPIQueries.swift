import Foundation
import MailroomCore

/// What the KPI reports read, in whichever database: each store answers these few queries, and ``KPIQueries``
/// turns them into the report, the series and the rebuilt rollups, the same way for every store.
package protocol KPIReader {
    /// Calls `each` with the facts of every ticket received in `since..<until` (all tickets when both are nil).
    func ticketFacts(receivedFrom since: Date?, to until: Date?, _ each: (KPIFacts) throws -> Void) throws
    /// Calls `each` with the facts of every open or escalated ticket.
    func openTicketFacts(_ each: (KPIFacts) throws -> Void) throws
    /// Calls `each` with the facts of every ticket answered automatically after `answeredAfter` and received in
    /// `since..<until`.
    func recentAutomaticFacts(
        answeredAfter: Date, receivedFrom since: Date, to until: Date, _ each: (KPIFacts) throws -> Void) throws
    /// Calls `each` with the type, reason and time of every counted event (suppressed, escalated, with a reason)
    /// in `since..<until` (all when both are nil).
    func countedEvents(from since: Date?, to until: Date?, _ each: (String, String?, Date) throws -> Void) throws
    /// Calls `each` with the time of every inbound message received in `since..<until` (all when both are nil).
    func inboundMessageTimes(from since: Date?, to until: Date?, _ each: (Date) throws -> Void) throws
    /// The sums of the daily rollups (`byMonth`: the monthly ones) in `from..<to` (days `YYYY-MM-DD` or months
    /// `YYYY-MM`), by cell.
    func rollupSums(byMonth: Bool, from: String, to: String) throws -> [KPICell: Double]
    /// Calls `each` with every daily rollup row of the named figures in `from..<to`.
    func rollupRows(names: [String], from: String, to: String, _ each: (String, KPICell, Double) throws -> Void)
        throws
}

/// The KPI report, the series and the rebuilt rollups, over any ``KPIReader``.
package enum KPIQueries {
    /// The report for `since..<until` (see `SQLiteStore.kpis`).
    package static func report(
        _ reader: some KPIReader, since: Date, until: Date, now: Date, quietHours: Int, source: KPISource
    ) throws -> KPIReport {
        var aggregate = KPIAggregate()
        switch source {
        case .tickets:
            aggregate = try fromTickets(reader, since: since, until: until)
        case .rollups:
            let firstDay = dayStart(since, roundingUp: true)
            // Nothing is received after `now`: today's rollup is complete up to then.
            let lastDay = until >= now ? dayStart(until, roundingUp: true) : dayStart(until)
            if firstDay < lastDay {
                aggregate = try fromRollups(reader, from: firstDay, to: lastDay)
                aggregate.merge(try fromTickets(reader, since: since, until: min(firstDay, until)))
                if lastDay < until { aggregate.merge(try fromTickets(reader, since: lastDay, until: until)) }
            } else {
                aggregate = try fromTickets(reader, since: since, until: until)
            }
        }
        var live = KPILive()
        try reader.openTicketFacts { facts in
            live.addBacklog(facts, now: now, inPeriod: facts.receivedAt >= since && facts.receivedAt < until)
        }
        try reader.recentAutomaticFacts(
            answeredAfter: now.addingTimeInterval(-Double(quietHours) * 3600), receivedFrom: since, to: until
        ) { live.addRecentAutomatic($0, now: now, quietHours: quietHours) }
        return KPIReport(aggregate: aggregate, live: live, since: since, until: until, quietHours: quietHours, now: now)
    }

    /// The start of the UTC day of `date` (or of the next day, rounding up a time within a day).
    package static func dayStart(_ date: Date, roundingUp: Bool = false) -> Date {
        let days = date.timeIntervalSince1970 / 86_400
        return Date(timeIntervalSince1970: (roundingUp ? days.rounded(.up) : days.rounded(.down)) * 86_400)
    }

    /// Whole days from the rollups: whole months from the monthly table, the rest from the daily one.
    static func fromRollups(_ reader: some KPIReader, from: Date, to: Date) throws -> KPIAggregate {
        var aggregate = KPIAggregate()
        let first = monthStart(onOrAfter: from)
        let last = monthStart(onOrBefore: to)
        func add(_ sums: [KPICell: Double]) {
            for (cell, value) in sums { aggregate.totals[cell, default: 0] += value }
        }
        if first < last {
            add(
                try reader.rollupSums(
                    byMonth: true, from: String(KPIContribution.day(first).prefix(7)),
                    to: String(KPIContribution.day(last).prefix(7))))
            if from < first {
                add(
                    try reader.rollupSums(
                        byMonth: false, from: KPIContribution.day(from), to: KPIContribution.day(first)))
            }
            if last < to {
                add(try reader.rollupSums(byMonth: false, from: KPIContribution.day(last), to: KPIContribution.day(to)))
            }
        } else {
            add(try reader.rollupSums(byMonth: false, from: KPIContribution.day(from), to: KPIContribution.day(to)))
        }
        try reader.rollupRows(
            names: ["tickets", "messages"], from: KPIContribution.day(from), to: KPIContribution.day(to)
        ) { day, cell, value in
            if cell == KPICell("tickets") {
                aggregate.ticketsByDay[day, default: 0] += value
            } else if cell == KPICell("messages", "in") {
                aggregate.messagesByDay[day, default: 0] += value
            }
        }
        return aggregate
    }

    static func monthStart(onOrAfter date: Date) -> Date {
        let day = KPIContribution.day(date)
        if day.hasSuffix("-01") { return date }
        let start = monthStart(onOrBefore: date)
        return monthStart(onOrBefore: start.addingTimeInterval(32 * 86_400))
    }

    static func monthStart(onOrBefore date: Date) -> Date {
        KPIContribution.start(ofDay: String(KPIContribution.day(date).prefix(8)) + "01") ?? date
    }

    /// A period straight from the tickets, events and messages.
    static func fromTickets(_ reader: some KPIReader, since: Date, until: Date) throws -> KPIAggregate {
        var aggregate = KPIAggregate()
        guard since < until else { return aggregate }
        try reader.ticketFacts(receivedFrom: since, to: until) { aggregate.add($0) }
        try reader.countedEvents(from: since, to: until) { type, reason, at in
            for cell in KPIRollup.cells(ofEvent: type, reason: reason) {
                aggregate.add(day: KPIContribution.day(at), cell, 1)
            }
        }
        try reader.inboundMessageTimes(from: since, to: until) {
            aggregate.add(day: KPIContribution.day($0), KPICell("messages", "in"), 1)
        }
        return aggregate
    }

    /// Day by day (or by `bucketDays`) figures for the dashboard's charts, from the daily rollups.
    package static func series(
        _ reader: some KPIReader, since: Date, until: Date, now: Date, quietHours: Int, bucketDays: Int
    ) throws -> [KPIDay] {
        var days: [String: KPIAggregate] = [:]
        let first = KPIContribution.day(dayStart(since))
        let last = KPIContribution.day(dayStart(until, roundingUp: true))
        try reader.rollupRows(
            names: ["tickets", "autoReplied", "escalated", "notDurable", "frt", "sla"], from: first, to: last
        ) { day, cell, value in days[day, default: KPIAggregate()].totals[cell, default: 0] += value }
        var series: [KPIDay] = []
        var cursor = dayStart(since)
        let span = Double(max(1, bucketDays)) * 86_400
        while cursor < until {
            let end = min(cursor.addingTimeInterval(span), dayStart(until, roundingUp: true))
            var cells = KPIAggregate()
            var day = cursor
            while day < end {
                if let aggregate = days[KPIContribution.day(day)] { cells.merge(aggregate) }
                day = day.addingTimeInterval(86_400)
            }
            let quietOver = end.addingTimeInterval(Double(quietHours) * 3600) <= now
            series.append(
                KPIDay(day: KPIContribution.day(cursor), cells: cells, quietHours: quietHours, quietOver: quietOver))
            cursor = end
        }
        return series
    }

    /// Every rollup cell recomputed from the tickets, the events and the messages, by day (cells that sum to
    /// zero left out).
    package static func rebuiltDays(_ reader: some KPIReader) throws -> [String: [KPICell: Double]] {
        var days: [String: [KPICell: Double]] = [:]
        try reader.ticketFacts(receivedFrom: nil, to: nil) { facts in
            let day = KPIContribution.day(facts.receivedAt)
            for (cell, value) in KPIContribution.cells(of: facts) { days[day, default: [:]][cell, default: 0] += value }
        }
        try reader.countedEvents(from: nil, to: nil) { type, reason, at in
            for cell in KPIRollup.cells(ofEvent: type, reason: reason) {
                days[KPIContribution.day(at), default: [:]][cell, default: 0] += 1
            }
        }
        try reader.inboundMessageTimes(from: nil, to: nil) {
            days[KPIContribution.day($0), default: [:]][KPICell("messages", "in"), default: 0] += 1
        }
        return days.mapValues { $0.filter { $0.value != 0 } }
    }

    /// The monthly sums of rebuilt days.
    package static func months(of days: [String: [KPICell: Double]]) -> [String: [KPICell: Double]] {
        var months: [String: [KPICell: Double]] = [:]
        for (day, cells) in days {
            for (cell, value) in cells { months[String(day.prefix(7)), default: [:]][cell, default: 0] += value }
        }
        return months
    }
}
