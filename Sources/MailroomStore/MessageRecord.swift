import Foundation
import GRDB
import MailroomCore

/// A message in or out; its bytes are kept apart (``MailBytes``).
struct MessageRecord: Codable, Equatable, FetchableRecord, ColumnRecord, Sendable {
    static let databaseTableName = "message"
    var id: Int64?
    var direction: String
    var source: String
    var mailboxId: Int64?
    var uidValidity: Int64?
    var uid: Int64?
    var messageIdHeader: String?
    var fromHeader: String?
    var contentHash: String
    var size: Int
    var envelopeRecipient: String?
    var oversizedSize: Int?
    var receivedAt: Date
    var state: MessageState
    var kind: String?
    var fromAddress: String?
    var subject: String?
    var ticketId: Int64?
    var processedAt: Date?
    var outcome: String?
    var submittedBy: String?

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    /// Every column but `id`, in order (``ColumnRecord``); `StoreRecordTests` checks that every column of the
    /// table is written and reads back equal. Dates are written without a `DateFormatter` (``StoredDate``).
    static let writtenColumns = [
        "direction", "source", "mailboxId", "uidValidity", "uid", "messageIdHeader", "fromHeader", "contentHash",
        "size", "envelopeRecipient", "oversizedSize", "receivedAt", "state", "kind", "fromAddress", "subject",
        "ticketId", "processedAt", "outcome", "submittedBy",
    ]

    var writtenValues: [(any DatabaseValueConvertible)?] {
        [
            direction, source, mailboxId, uidValidity, uid, messageIdHeader, fromHeader, contentHash, size,
            envelopeRecipient, oversizedSize, StoredDate.value(receivedAt), state, kind, fromAddress, subject, ticketId,
            processedAt.map(StoredDate.value), outcome, submittedBy,
        ]
    }

    static let insertSQL = makeInsertSQL(writtenColumns)
    static let updateSQL = makeUpdateSQL(writtenColumns)
}
