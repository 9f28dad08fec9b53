import Foundation
import GRDB
import MailroomCore

/// An outgoing message and its delivery state; its bytes are kept apart (``MailBytes``).
struct OutboxRecord: Codable, Equatable, FetchableRecord, ColumnRecord, Sendable {
    static let databaseTableName = "outbox"
    var id: Int64?
    var ticketId: Int64?
    var sourceMessageId: Int64?
    var purpose: OutboxPurpose
    var envelopeFrom: String
    var recipients: String
    var messageIdHeader: String
    var subject: String
    var state: OutboxState
    var attempts: Int
    var nextAttemptAt: Date
    var lastError: String?
    var createdAt: Date
    var sentAt: Date?
    /// `transient`, `configuration` or `permanent`: what the last error was caused by.
    var errorClass: String?

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// Every column but `id`, in order (``ColumnRecord``); `StoreRecordTests` checks that every column of the
    /// table is written and reads back equal. Dates are written without a `DateFormatter` (``StoredDate``).
    static let writtenColumns = [
        "ticketId", "sourceMessageId", "purpose", "envelopeFrom", "recipients", "messageIdHeader", "subject",
        "state", "attempts", "nextAttemptAt", "lastError", "createdAt", "sentAt", "errorClass",
    ]

    var writtenValues: [(any DatabaseValueConvertible)?] {
        [
            ticketId, sourceMessageId, purpose, envelopeFrom, recipients, messageIdHeader, subject, state,
            attempts, StoredDate.value(nextAttemptAt), lastError, StoredDate.value(createdAt),
            sentAt.map(StoredDate.value), errorClass,
        ]
    }

    static let insertSQL = makeInsertSQL(writtenColumns)
    static let updateSQL = makeUpdateSQL(writtenColumns)
}
