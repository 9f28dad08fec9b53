import Foundation
import GRDB
import MailroomCore

/// A message in or out, raw bytes included.
struct MessageRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
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
}
