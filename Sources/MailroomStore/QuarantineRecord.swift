import Foundation
import GRDB

/// A message held for a person.
struct QuarantineRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    static let databaseTableName = "quarantine"
    var id: Int64?
    var messageId: Int64
    var reason: String
    var detail: String
    var createdAt: Date
    var releasedAt: Date?

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
