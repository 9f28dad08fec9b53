import Foundation
import GRDB
import MailroomCore

/// An outgoing message and its delivery state.
struct OutboxRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    static let databaseTableName = "outbox"
    var id: Int64?
    var ticketId: Int64?
    var sourceMessageId: Int64?
    var purpose: OutboxPurpose
    var envelopeFrom: String
    var recipients: String
    var messageIdHeader: String
    var subject: String
    var raw: Data
    var state: OutboxState
    var attempts: Int
    var nextAttemptAt: Date
    var lastError: String?
    var createdAt: Date
    var sentAt: Date?
    /// `transient`, `configuration` or `permanent`: what the last error was caused by.
    var errorClass: String?

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
