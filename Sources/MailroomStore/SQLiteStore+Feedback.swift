import Foundation
import GRDB
import MailroomCore

/// A customer's answer through a feedback link.
public struct FeedbackRecord: Sendable, Hashable {
    /// The ticket.
    public var ticketPublicID: String
    /// Which mail's link (each mail has its own).
    public var nonce: String
    /// Whether the answer helped.
    public var helpful: Bool
    /// A rating from 1 to 5, if given.
    public var rating: Int?
    /// A comment, if given.
    public var comment: String?

    /// Creates a record.
    public init(ticketPublicID: String, nonce: String, helpful: Bool, rating: Int? = nil, comment: String? = nil) {
        self.ticketPublicID = ticketPublicID
        self.nonce = nonce
        self.helpful = helpful
        self.rating = rating
        self.comment = comment
    }
}

extension SQLiteStore: FeedbackStore {
    /// Records (or updates) the answer given through one mail's feedback link; returns whether it is the first
    /// answer through that link (only the first "no" reopens the ticket).
    @discardableResult
    public func recordFeedback(_ feedback: FeedbackRecord, now: Date) throws -> Bool {
        try StoreError.wrapping {
            try pool.write { db in
                try KPIRollup.tracking(db, publicID: feedback.ticketPublicID) { try record(feedback, db: db, now: now) }
            }
        }
    }

    private func record(_ feedback: FeedbackRecord, db: Database, now: Date) throws -> Bool {
        guard
            let ticketID = try Int64.fetchOne(
                db, sql: "SELECT id FROM ticket WHERE publicId = ?", arguments: [feedback.ticketPublicID])
        else { throw StoreError.missingRow("ticket \(feedback.ticketPublicID)") }
        let existing = try Int64.fetchOne(
            db, sql: "SELECT id FROM feedback WHERE ticketId = ? AND nonce = ?",
            arguments: [ticketID, feedback.nonce])
        let answer = feedback.helpful ? "yes" : "no"
        if let existing {
            try db.execute(
                sql: """
                    UPDATE feedback SET answer = ?, rating = COALESCE(?, rating), comment = COALESCE(?, comment),
                    updatedAt = ? WHERE id = ?
                    """, arguments: [answer, feedback.rating, feedback.comment, StoredDate.value(now), existing])
            return false
        }
        try db.execute(
            sql: """
                INSERT INTO feedback (ticketId, nonce, answer, rating, comment, createdAt, updatedAt)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                ticketID, feedback.nonce, answer, feedback.rating, feedback.comment, StoredDate.value(now),
                StoredDate.value(now),
            ])
        return true
    }

    /// The feedback given on a ticket, oldest first.
    public func feedback(ticket publicID: String) throws -> [FeedbackRecord] {
        try StoreError.wrapping {
            try pool.read { db in
                try Row.fetchAll(
                    db,
                    sql: """
                        SELECT f.* FROM feedback f JOIN ticket t ON t.id = f.ticketId WHERE t.publicId = ? ORDER BY f.id
                        """, arguments: [publicID]
                ).map {
                    FeedbackRecord(
                        ticketPublicID: publicID, nonce: $0["nonce"], helpful: ($0["answer"] as String) == "yes",
                        rating: $0["rating"], comment: $0["comment"])
                }
            }
        }
    }
}
