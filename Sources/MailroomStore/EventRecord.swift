import Foundation
import GRDB

/// One step of the audit trail.
struct EventRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    static let databaseTableName = "event"
    var id: Int64?
    var ticketId: Int64?
    var messageId: Int64?
    var outboxId: Int64?
    var at: Date
    var type: String
    var reason: String?
    var detail: String

    /// Every event is counted in its day's rollup as it is stored (suppressed mail and escalations by reason).
    func willInsert(_ db: Database) throws {
        try KPIRollup.count(db, event: type, reason: reason, at: at)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
