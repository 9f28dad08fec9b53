import Foundation
import GRDB

/// One step of the audit trail.
struct EventRecord: Codable, Equatable, FetchableRecord, MutablePersistableRecord, Sendable {
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
        try KPIRollup.count(db, event: type, reason: reason, at: at, into: nil)
    }

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// Inserts like `insert(_:)` (counted in its day's rollup first, or in `rollup` to be written with the rest
    /// of the transaction; then its id set), through one statement prepared once per connection: the audit trail
    /// takes several events per message.
    mutating func append(_ db: Database, rollup: KPIRollupBuffer? = nil) throws {
        try KPIRollup.count(db, event: type, reason: reason, at: at, into: rollup)
        try db.cachedStatement(
            sql: """
                INSERT INTO event (ticketId, messageId, outboxId, at, type, reason, detail) VALUES (?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [ticketId, messageId, outboxId, StoredDate.value(at), type, reason, detail])
        id = db.lastInsertedRowID
    }

    /// Written column by column (no `Encodable` round trip, dates without a `DateFormatter`); `StoreRecordTests`
    /// checks that every column of the table is written and reads back equal.
    func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["ticketId"] = ticketId
        container["messageId"] = messageId
        container["outboxId"] = outboxId
        container["at"] = StoredDate.value(at)
        container["type"] = type
        container["reason"] = reason
        container["detail"] = detail
    }
}
