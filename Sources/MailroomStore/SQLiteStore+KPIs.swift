import Foundation
import GRDB
import MailroomCore

extension SQLiteStore {
    /// The key figures of tickets opened in [since, until).
    public func kpis(since: Date, until: Date) throws -> KPIReport {
        try StoreError.wrapping {
            try pool.read { db in
                let arguments: StatementArguments = [since, until]
                let tickets =
                    try Int.fetchOne(
                        db, sql: "SELECT COUNT(*) FROM ticket WHERE receivedAt >= ? AND receivedAt < ?",
                        arguments: arguments)
                    ?? 0
                let autoReplied =
                    try Int.fetchOne(
                        db,
                        sql: """
                            SELECT COUNT(DISTINCT t.id) FROM ticket t JOIN outbox o ON o.ticketId = t.id
                            WHERE t.receivedAt >= ? AND t.receivedAt < ? AND o.purpose = 'auto_reply'
                            """, arguments: arguments) ?? 0
                let escalated =
                    try Int.fetchOne(
                        db,
                        sql: """
                            SELECT COUNT(DISTINCT t.id) FROM ticket t JOIN event e ON e.ticketId = t.id
                            WHERE t.receivedAt >= ? AND t.receivedAt < ? AND e.type = 'escalated'
                            """, arguments: arguments) ?? 0
                let responses = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT receivedAt, firstResponseAt FROM ticket
                        WHERE receivedAt >= ? AND receivedAt < ? AND firstResponseAt IS NOT NULL
                        """, arguments: arguments
                ).map { ($0["firstResponseAt"] as Date).timeIntervalSince($0["receivedAt"] as Date) }
                return KPIReport(
                    since: since, until: until, tickets: tickets, autoReplied: autoReplied, escalated: escalated,
                    firstResponseSeconds: Self.percentiles(responses))
            }
        }
    }

    /// The median and 90th percentile (nearest rank) of `values`.
    static func percentiles(_ values: [Double]) -> KPIReport.Percentiles {
        guard !values.isEmpty else { return KPIReport.Percentiles(p50: nil, p90: nil) }
        let sorted = values.sorted()
        func rank(_ p: Double) -> Double { sorted[max(0, Int((p * Double(sorted.count)).rounded(.up)) - 1)] }
        return KPIReport.Percentiles(p50: rank(0.5), p90: rank(0.9))
    }
}
