import Foundation

/// Rollup cells added up over a period (from the daily rollups, or straight from tickets and events).
public struct KPIAggregate: Sendable, Hashable {
    /// Every cell's total.
    public var totals: [KPICell: Double] = [:]
    /// Tickets per day.
    public var ticketsByDay: [String: Double] = [:]
    /// Messages per day.
    public var messagesByDay: [String: Double] = [:]

    /// An empty aggregate.
    public init() {}

    /// Adds a day's cell.
    public mutating func add(day: String, _ cell: KPICell, _ value: Double) {
        totals[cell, default: 0] += value
        if cell.name == "tickets" { ticketsByDay[day, default: 0] += value }
        if cell.name == "messages", cell.key == "in" { messagesByDay[day, default: 0] += value }
    }

    /// Adds a ticket's contribution (on the day it was received).
    public mutating func add(_ facts: KPIFacts) {
        let day = KPIContribution.day(facts.receivedAt)
        for (cell, value) in KPIContribution.cells(of: facts) { add(day: day, cell, value) }
    }

    /// Adds another aggregate.
    public mutating func merge(_ other: KPIAggregate) {
        totals.merge(other.totals, uniquingKeysWith: +)
        ticketsByDay.merge(other.ticketsByDay, uniquingKeysWith: +)
        messagesByDay.merge(other.messagesByDay, uniquingKeysWith: +)
    }

    /// A cell's total.
    public func value(_ name: String, _ key: String = "") -> Double {
        totals[KPICell(name, key)] ?? 0
    }

    /// The keys of a figure with their totals.
    public func keyed(_ name: String) -> [String: Double] {
        var result: [String: Double] = [:]
        for (cell, value) in totals where cell.name == name && value != 0 { result[cell.key] = value }
        return result
    }

    /// A duration figure's buckets.
    public func histogram(_ name: String) -> [Int: Double] {
        var result: [Int: Double] = [:]
        for (key, value) in keyed(name) { if let bucket = Int(key) { result[bucket] = value } }
        return result
    }
}

/// The figures that depend on the moment they are asked for: the backlog, open tickets past or near their due
/// times, and automatic answers still in their quiet period.
public struct KPILive: Sendable, Hashable {
    /// Open and escalated tickets by age bucket.
    public var backlog: [String: Int] = [:]
    /// Tickets of the period still open past a due time (not counted as missed in the rollups yet).
    public var breachedOpen = 0
    /// Open tickets whose next due time is within the hour.
    public var dueSoon = 0
    /// Automatic answers of the period still in their quiet period and not failed.
    public var durablePending = 0

    /// Nothing live.
    public init() {}

    /// Counts one open or escalated ticket (any period) as of `now`.
    public mutating func addBacklog(_ facts: KPIFacts, now: Date, inPeriod: Bool) {
        backlog[KPIReport.backlogBucket(age: now.timeIntervalSince(facts.receivedAt)), default: 0] += 1
        let stored = KPIContribution.slaState(facts, now: nil).within
        let live = KPIContribution.slaState(facts, now: now).within
        if live == false {
            if inPeriod, stored != false { breachedOpen += 1 }
        } else if let due = KPIContribution.nextDue(facts), due > now, due <= now.addingTimeInterval(3600) {
            dueSoon += 1
        }
    }

    /// Counts one automatic answer of the period whose quiet period may not be over.
    public mutating func addRecentAutomatic(_ facts: KPIFacts, now: Date, quietHours: Int) {
        guard let auto = facts.autoAnsweredAt, auto > now.addingTimeInterval(-Double(quietHours) * 3600),
            KPIContribution.failedWithin(quietHours, facts) == false
        else { return }
        durablePending += 1
    }
}
