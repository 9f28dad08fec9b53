import Foundation
import GRDB
import MailroomCore

/// A ticket row.
struct TicketRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    static let databaseTableName = "ticket"
    var id: Int64?
    var publicId: String
    var customerEmail: String
    var customerName: String?
    var subject: String
    var status: TicketStatus
    var intent: String?
    var confidence: Double?
    var urgency: String?
    var sentiment: String?
    var churnRisk: String?
    var language: String?
    var signals: String?
    var receivedAt: Date
    var firstResponseAt: Date?
    var resolvedAt: Date?
    var updatedAt: Date
    var lastCustomerMessageId: String?
    var threadReferences: String
    var automaticReplies: Int
    var escalationMessageId: String?
    var question: String?
    var participants: String
    var reopenCount: Int
    var autoAnsweredAt: Date?
    var firstAutoResponseAt: Date?
    var firstHumanResponseAt: Date?
    var escalatedAt: Date?
    var agentAnsweredAt: Date?
    var closedAt: Date?
    var customerFollowUpAt: Date?
    var firstResponseDueAt: Date?
    var resolutionDueAt: Date?
    var contradicted: Bool
    var slaAlertedAt: Date?

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}
