import GRDB

/// The audit trail's index by type and time (`event_on_type_at`) holds only the types that are read by type and
/// time: ``typesReadByTime``. It held every event, six or seven a mail, and each commit wrote a leaf page of it
/// for every type its mails had: 13% of the pages written to the log in a 2,000-mail e2e run (an `LD_PRELOAD`
/// count of the log's frames, mapped to tables with `dbstat`), more than the event table itself.
///
/// A query reads the index only when its condition implies the index's: a type compared with `=` (or several,
/// joined by OR); `type IN (...)` does not. ``EventQueries`` holds the queries that do.
enum MigrationsEventIndex {
    /// The types queried by time: failed sends and escalations (alerts), escalations and suppressed mail by
    /// reason (KPIs), "did not help" follow-ups (the KPI rebuild).
    static let typesReadByTime = ["escalated", "failed", "followUp", "suppressed"]

    /// The index's condition, one comparison per type.
    static var condition: String { typesReadByTime.map { "type = '\($0)'" }.joined(separator: " OR ") }

    static func migrate(_ db: Database) throws {
        try db.execute(sql: "DROP INDEX IF EXISTS event_on_type_at")
        try db.execute(sql: "CREATE INDEX event_on_type_at ON event (type, at) WHERE \(condition)")
    }
}

/// The reads of the audit trail by type and time, each written so that it reads `event_on_type_at`
/// (`StoreEventIndexTests` checks their plans).
enum EventQueries {
    /// Failed sends in a period (`at >= ? AND at <= ?`).
    static let failedBetween = "SELECT COUNT(*) FROM event WHERE type = 'failed' AND at >= ? AND at <= ?"
    /// Escalations in a period (`at > ? AND at <= ?`).
    static let escalationsBetween = "SELECT COUNT(*) FROM event WHERE type = 'escalated' AND at > ? AND at <= ?"
    /// Suppressed mail and escalations with their reasons, of all time.
    static let countedEvents =
        "SELECT type, reason, at FROM event WHERE (type = 'suppressed' OR type = 'escalated') AND reason IS NOT NULL"
    /// The same in a period (`at >= ? AND at < ?`).
    static let countedEventsBetween = countedEvents + " AND at >= ? AND at < ?"
}
