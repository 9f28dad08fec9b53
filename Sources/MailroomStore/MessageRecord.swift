import Foundation
import GRDB
import MailroomCore

/// A message in or out, raw bytes included.
struct MessageRecord: Codable, Equatable, FetchableRecord, MutablePersistableRecord, Sendable {
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
    var raw: Data
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

    /// Written column by column, dates without a `DateFormatter` (``StoredDate``); `StoreRecordTests` checks that
    /// every column of the table is written and reads back equal.
    func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["direction"] = direction
        container["source"] = source
        container["mailboxId"] = mailboxId
        container["uidValidity"] = uidValidity
        container["uid"] = uid
        container["messageIdHeader"] = messageIdHeader
        container["fromHeader"] = fromHeader
        container["contentHash"] = contentHash
        container["raw"] = raw
        container["size"] = size
        container["envelopeRecipient"] = envelopeRecipient
        container["oversizedSize"] = oversizedSize
        container["receivedAt"] = StoredDate.value(receivedAt)
        container["state"] = state
        container["kind"] = kind
        container["fromAddress"] = fromAddress
        container["subject"] = subject
        container["ticketId"] = ticketId
        container["processedAt"] = processedAt.map(StoredDate.value)
        container["outcome"] = outcome
        container["submittedBy"] = submittedBy
    }
}
