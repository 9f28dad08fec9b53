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

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
