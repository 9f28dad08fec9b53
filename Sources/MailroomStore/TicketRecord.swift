import Foundation
import GRDB
import MailroomCore

/// A ticket row.
struct TicketRecord: Codable, Equatable, FetchableRecord, ColumnRecord, Sendable {
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

    /// Every column but `id`, in order (``ColumnRecord``); `StoreRecordTests` checks that every column of the
    /// table is written and reads back equal. Dates are written without a `DateFormatter` (``StoredDate``).
    static let writtenColumns = [
        "publicId", "customerEmail", "customerName", "subject", "status", "intent", "confidence", "urgency",
        "sentiment", "churnRisk", "language", "signals", "receivedAt", "firstResponseAt", "resolvedAt", "updatedAt",
        "lastCustomerMessageId", "threadReferences", "automaticReplies", "escalationMessageId", "question",
        "participants", "reopenCount", "autoAnsweredAt", "firstAutoResponseAt", "firstHumanResponseAt", "escalatedAt",
        "agentAnsweredAt", "closedAt", "customerFollowUpAt", "firstResponseDueAt", "resolutionDueAt", "contradicted",
        "slaAlertedAt",
    ]

    var writtenValues: [(any DatabaseValueConvertible)?] {
        [
            publicId, customerEmail, customerName, subject, status, intent, confidence, urgency, sentiment, churnRisk,
            language, signals, StoredDate.value(receivedAt), firstResponseAt.map(StoredDate.value),
            resolvedAt.map(StoredDate.value), StoredDate.value(updatedAt), lastCustomerMessageId, threadReferences,
            automaticReplies, escalationMessageId, question, participants, reopenCount,
            autoAnsweredAt.map(StoredDate.value), firstAutoResponseAt.map(StoredDate.value),
            firstHumanResponseAt.map(StoredDate.value), escalatedAt.map(StoredDate.value),
            agentAnsweredAt.map(StoredDate.value), closedAt.map(StoredDate.value),
            customerFollowUpAt.map(StoredDate.value), firstResponseDueAt.map(StoredDate.value),
            resolutionDueAt.map(StoredDate.value), contradicted, slaAlertedAt.map(StoredDate.value),
        ]
    }

    static let insertSQL = makeInsertSQL(writtenColumns)
    static let updateSQL = makeUpdateSQL(writtenColumns)
}
