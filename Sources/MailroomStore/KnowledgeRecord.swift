import Foundation
import GRDB

/// A resolved question and its answer.
struct KnowledgeRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    static let databaseTableName = "knowledge"
    var id: Int64?
    var ticketId: Int64
    var question: String
    var answer: String
    var intent: String?
    var language: String?
    var createdAt: Date

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
