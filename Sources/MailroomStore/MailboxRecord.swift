import Foundation
import GRDB

/// A mailbox the poller reads, with its checkpoint.
struct MailboxRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    static let databaseTableName = "mailbox"
    var id: Int64?
    var name: String
    var uidValidity: Int64?
    var lastUID: Int64
    var lastPollAt: Date?
    var lastMessageAt: Date?
    var lastError: String?
    var failingSince: Date?

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
