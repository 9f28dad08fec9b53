import Foundation
import GRDB
import Testing

@testable import MailroomStore

/// The audit trail's index by type and time holds the types read by time, not the six or seven events every mail
/// writes, and every read by type and time still uses it.
@Suite struct StoreEventIndexTests {
    /// The entries of `event_on_type_at` (from `ANALYZE`).
    static func typeIndexEntries(_ db: Database) throws -> Int {
        try db.execute(sql: "ANALYZE event")
        let stat = try String.fetchOne(db, sql: "SELECT stat FROM sqlite_stat1 WHERE idx = 'event_on_type_at'")
        return stat.flatMap { $0.split(separator: " ").first }.flatMap { Int($0) } ?? 0
    }

    @Test func onlyTheTypesReadByTimeEnterTheIndex() throws {
        let database = try TemporaryDatabase()
        let types =
            ["ingested", "classified", "decided", "opened", "queued", "sent", "bounced", "alerted"]
            + MigrationsEventIndex.typesReadByTime
        let entries = try database.store.pool.write { db in
            for (offset, type) in types.enumerated() {
                try db.execute(
                    sql: "INSERT INTO event (at, type, reason, detail) VALUES (?, ?, 'r', 'd')",
                    arguments: [t0.addingTimeInterval(Double(offset)), type])
            }
            return try Self.typeIndexEntries(db)
        }
        #expect(entries == MigrationsEventIndex.typesReadByTime.count)
    }

    @Test(arguments: [
        EventQueries.failedBetween, EventQueries.escalationsBetween, EventQueries.countedEvents,
        EventQueries.countedEventsBetween, KPIRollup.bulkFactsSQL,
    ])
    func everyReadByTypeUsesTheIndex(_ sql: String) throws {
        let database = try TemporaryDatabase()
        let plan = try database.store.pool.read { db in
            try Row.fetchAll(
                db, sql: "EXPLAIN QUERY PLAN " + sql,
                arguments: StatementArguments(Array(repeating: t0, count: sql.count { $0 == "?" }))
            ).map { $0["detail"] as String }
        }
        #expect(
            plan.contains {
                $0.contains("USING INDEX event_on_type_at") || $0.contains("COVERING INDEX event_on_type_at")
            }, "\(plan)")
        #expect(!plan.contains { $0.hasPrefix("SCAN event") }, "\(plan)")
    }

    /// What the reads count is the same: the alerts' counts and the KPI's events, on a trail of every type.
    @Test func theReadsCountWhatTheyCountedBefore() throws {
        let database = try TemporaryDatabase()
        let counts = try database.store.pool.write { db in
            for (offset, type) in ["escalated", "failed", "suppressed", "escalated", "sent", "queued"].enumerated() {
                try db.execute(
                    sql: "INSERT INTO event (at, type, reason, detail) VALUES (?, ?, ?, 'd')",
                    arguments: [t0.addingTimeInterval(Double(offset)), type, offset == 3 ? nil : "r"])
            }
            let window: StatementArguments = [t0.addingTimeInterval(-1), t0.addingTimeInterval(10)]
            return (
                try Int.fetchOne(db, sql: EventQueries.failedBetween, arguments: window),
                try Int.fetchOne(db, sql: EventQueries.escalationsBetween, arguments: window),
                try String.fetchAll(db, sql: "SELECT type FROM (\(EventQueries.countedEvents)) ORDER BY at"),
                try String.fetchAll(
                    db, sql: "SELECT type FROM (\(EventQueries.countedEventsBetween)) ORDER BY at",
                    arguments: [t0.addingTimeInterval(1), t0.addingTimeInterval(3)])
            )
        }
        #expect(counts.0 == 1)
        #expect(counts.1 == 2)
        #expect(counts.2 == ["escalated", "suppressed"])
        #expect(counts.3 == ["suppressed"])
    }
}
