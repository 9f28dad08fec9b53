import Foundation
import GRDB
import MailroomCore

/// A ticket row.
struct TicketRecord: Codable, Equatable, FetchableRecord, MutablePersistableRecord, Sendable {
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

    /// Written column by column (no `Encodable` round trip, dates without a `DateFormatter`); `StoreRecordTests`
    /// checks that every column of the table is written and reads back equal.
    func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["publicId"] = publicId
        container["customerEmail"] = customerEmail
        container["customerName"] = customerName
        container["subject"] = subject
        container["status"] = status
        container["intent"] = intent
        container["confidence"] = confidence
        container["urgency"] = urgency
        container["sentiment"] = sentiment
        container["churnRisk"] = churnRisk
        container["language"] = language
        container["signals"] = signals
        container["receivedAt"] = StoredDate.value(receivedAt)
        container["firstResponseAt"] = firstResponseAt.map(StoredDate.value)
        container["resolvedAt"] = resolvedAt.map(StoredDate.value)
        container["updatedAt"] = StoredDate.value(updatedAt)
        container["lastCustomerMessageId"] = lastCustomerMessageId
        container["threadReferences"] = threadReferences
        container["automaticReplies"] = automaticReplies
        container["escalationMessageId"] = escalationMessageId
        container["question"] = question
        container["participants"] = participants
        container["reopenCount"] = reopenCount
        container["autoAnsweredAt"] = autoAnsweredAt.map(StoredDate.value)
        container["firstAutoResponseAt"] = firstAutoResponseAt.map(StoredDate.value)
        container["firstHumanResponseAt"] = firstHumanResponseAt.map(StoredDate.value)
        container["escalatedAt"] = escalatedAt.map(StoredDate.value)
        container["agentAnsweredAt"] = agentAnsweredAt.map(StoredDate.value)
        container["closedAt"] = closedAt.map(StoredDate.value)
        container["customerFollowUpAt"] = customerFollowUpAt.map(StoredDate.value)
        container["firstResponseDueAt"] = firstResponseDueAt.map(StoredDate.value)
        container["resolutionDueAt"] = resolutionDueAt.map(StoredDate.value)
        container["contradicted"] = contradicted
        container["slaAlertedAt"] = slaAlertedAt.map(StoredDate.value)
    }
}
