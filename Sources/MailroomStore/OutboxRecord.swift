import Foundation
import GRDB
import MailroomCore

/// An outgoing message and its delivery state.
struct OutboxRecord: Codable, Equatable, FetchableRecord, MutablePersistableRecord, Sendable {
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

    /// Written column by column (no `Encodable` round trip, dates without a `DateFormatter`); `StoreRecordTests`
    /// checks that every column of the table is written and reads back equal.
    func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["ticketId"] = ticketId
        container["sourceMessageId"] = sourceMessageId
        container["purpose"] = purpose
        container["envelopeFrom"] = envelopeFrom
        container["recipients"] = recipients
        container["messageIdHeader"] = messageIdHeader
        container["subject"] = subject
        container["raw"] = raw
        container["state"] = state
        container["attempts"] = attempts
        container["nextAttemptAt"] = StoredDate.value(nextAttemptAt)
        container["lastError"] = lastError
        container["createdAt"] = StoredDate.value(createdAt)
        container["sentAt"] = sentAt.map(StoredDate.value)
        container["errorClass"] = errorClass
    }
}
