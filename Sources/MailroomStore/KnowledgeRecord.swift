import Foundation
import GRDB
import MailroomCore

/// A resolved question and an agent's answer, curated: only approved entries are reused.
struct KnowledgeRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    static let databaseTableName = "knowledge"
    var id: Int64?
    var ticketId: Int64
    var question: String
    var answer: String
    var intent: String?
    var language: String?
    var createdAt: Date
    var state: KnowledgeState
    var author: String?
    var customerName: String?
    var customerEmail: String?
    /// What the personal-data screen found when the entry was last checked (JSON list of descriptions).
    var findings: String?
    var reviewedBy: String?
    var reviewedAt: Date?
    var updatedAt: Date?
    var reuseCount: Int

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
