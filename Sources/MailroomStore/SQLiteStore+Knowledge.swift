import Foundation
import GRDB
import MailroomCore

/// What a review of a knowledge entry did.
public enum KnowledgeReview: Sendable, Hashable {
    /// Done; the entry as it is now.
    case done(KnowledgeEntry)
    /// Approval refused: the personal-data screen found these. The entry stays pending with the findings.
    case refused([PersonalDataScreen.Finding])
    /// There is no entry with that id.
    case notFound
}

/// A change stamp of the approved knowledge: when it differs, the similarity index is rebuilt.
public struct KnowledgeStamp: Sendable, Hashable {
    let count: Int
    let latest: Date?
    let idSum: Int64

    /// A stamp of `count` approved entries, the latest change, and the sum of their ids.
    public init(count: Int, latest: Date?, idSum: Int64) {
        self.count = count
        self.latest = latest
        self.idSum = idSum
    }
}

extension SQLiteStore: KnowledgeStore {
    /// The approved entries, for the similarity index (only these are ever reused).
    public func knowledge() throws -> [KnowledgeEntry] {
        try knowledgeEntries(state: .approved)
    }

    /// The entries in `state` (all when nil), oldest first.
    public func knowledgeEntries(state: KnowledgeState? = nil) throws -> [KnowledgeEntry] {
        try StoreError.wrapping {
            try pool.read { db in
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT ticket.publicId, knowledge.* FROM knowledge JOIN ticket ON ticket.id = knowledge.ticketId
                        WHERE ? IS NULL OR knowledge.state = ? ORDER BY knowledge.id
                        """, arguments: [state, state])
                return try rows.map(Self.entry)
            }
        }
    }

    /// One entry by id.
    public func knowledgeEntry(id: Int64) throws -> KnowledgeEntry? {
        try StoreError.wrapping { try pool.read { db in try Self.entry(db, id: id) } }
    }

    /// What the personal-data screen found when the entry was last checked.
    public func knowledgeFindings(id: Int64) throws -> [String] {
        try StoreError.wrapping {
            try pool.read { db in
                let json = try String.fetchOne(db, sql: "SELECT findings FROM knowledge WHERE id = ?", arguments: [id])
                return json.flatMap(StoredList.strings) ?? []
            }
        }
    }

    /// How often each entry was reused by an automatic reply, by id.
    public func knowledgeReuseCounts() throws -> [Int64: Int] {
        try StoreError.wrapping {
            try pool.read { db in
                let rows = try Row.fetchAll(db, sql: "SELECT id, reuseCount FROM knowledge")
                return Dictionary(uniqueKeysWithValues: rows.map { ($0[0] as Int64, $0[1] as Int) })
            }
        }
    }

    /// Approves an entry for reuse when the personal-data screen finds nothing; otherwise it stays pending with
    /// the findings. Recorded on the entry's ticket as a `reviewed` event.
    public func approveKnowledge(id: Int64, by reviewer: String, now: Date) throws -> KnowledgeReview {
        try review(id: id, by: reviewer, now: now) { db, entry in
            let findings = PersonalDataScreen.findings(in: entry)
            try Self.setFindings(findings, id: id, db: db)
            guard findings.isEmpty else {
                return (.refused(findings), "approval refused: \(findings.map(\.description).joined(separator: "; "))")
            }
            try db.execute(sql: "UPDATE knowledge SET state = 'approved' WHERE id = ?", arguments: [id])
            return (nil, "approved for reuse by \(reviewer)")
        }
    }

    /// Rejects an entry: it is kept, never reused.
    public func rejectKnowledge(id: Int64, by reviewer: String, reason: String?, now: Date) throws -> KnowledgeReview {
        try review(id: id, by: reviewer, now: now) { db, _ in
            try db.execute(sql: "UPDATE knowledge SET state = 'rejected' WHERE id = ?", arguments: [id])
            return (nil, "rejected by \(reviewer)" + (reason.map { ": \($0)" } ?? ""))
        }
    }

    /// Replaces an entry's answer; it becomes pending again and is screened (the findings are kept for the
    /// reviewer), so an edited answer is approved only by a second, explicit approval.
    public func editKnowledge(id: Int64, answer: String, by reviewer: String, now: Date) throws -> KnowledgeReview {
        try review(id: id, by: reviewer, now: now) { db, entry in
            var edited = entry
            edited.answer = answer
            try Self.setFindings(PersonalDataScreen.findings(in: edited), id: id, db: db)
            try db.execute(
                sql: "UPDATE knowledge SET answer = ?, state = 'pending', author = ? WHERE id = ?",
                arguments: [answer, reviewer, id])
            return (nil, "answer edited by \(reviewer); pending approval")
        }
    }

    /// The stamp of the approved knowledge (see ``KnowledgeStamp``).
    public func knowledgeStamp() throws -> KnowledgeStamp {
        try StoreError.wrapping {
            try pool.read { db in
                let row = try Row.fetchOne(
                    db,
                    sql: "SELECT COUNT(*), MAX(updatedAt), COALESCE(SUM(id), 0) FROM knowledge WHERE state = 'approved'"
                )
                return KnowledgeStamp(count: row?[0] ?? 0, latest: row?[1], idSum: row?[2] ?? 0)
            }
        }
    }

    /// Copies approved entries into this (scratch) store, each with a closed placeholder ticket of its public id,
    /// so `mailroom replay` reuses exactly what the real store would. Not for a real store.
    public func seedApprovedKnowledge(_ entries: [KnowledgeEntry], now: Date) throws {
        try StoreError.wrapping {
            try pool.write { db in
                for entry in entries where entry.state == .approved {
                    var ticket = TicketRecord(
                        ticket: Ticket(
                            publicID: entry.ticketPublicID, customerEmail: entry.customerEmail ?? "unknown@invalid",
                            customerName: entry.customerName, subject: "(replay seed)", status: .closed, receivedAt: now
                        ),
                        id: nil)
                    try KPIRollup.tracking(db, publicID: entry.ticketPublicID) { try ticket.insert(db) }
                    var approved = entry
                    approved.state = .approved
                    _ = try learn(approved, ticketID: ticket.id!, db: db, now: now)
                }
            }
        }
    }

    /// Stores the knowledge entry of a ticket (one per ticket: a newer answer replaces the older one).
    func learn(_ entry: KnowledgeEntry, ticketID: Int64, db: Database, now: Date) throws -> KnowledgeEntry {
        try db.execute(sql: "DELETE FROM knowledge WHERE ticketId = ?", arguments: [ticketID])
        let findings = PersonalDataScreen.findings(in: entry)
        var record = KnowledgeRecord(
            ticketId: ticketID, question: entry.question, answer: entry.answer, intent: entry.intent,
            language: entry.language, createdAt: now, state: entry.state, author: entry.author,
            customerName: entry.customerName, customerEmail: entry.customerEmail,
            findings: StoredList.text(findings.map(\.description)),
            reviewedBy: entry.state == .approved ? entry.author : nil,
            reviewedAt: entry.state == .approved ? now : nil, updatedAt: now, reuseCount: 0)
        try record.insert(db)
        var stored = entry
        stored.id = record.id
        return stored
    }

    private func review(
        id: Int64, by reviewer: String, now: Date,
        _ body: (Database, KnowledgeEntry) throws -> (KnowledgeReview?, String)
    ) throws -> KnowledgeReview {
        try StoreError.wrapping {
            try pool.write { db in
                guard let entry = try Self.entry(db, id: id) else { return .notFound }
                let (result, detail) = try body(db, entry)
                try db.execute(
                    sql: "UPDATE knowledge SET reviewedBy = ?, reviewedAt = ?, updatedAt = ? WHERE id = ?",
                    arguments: [reviewer, StoredDate.value(now), StoredDate.value(now), id])
                let ticketID = try Int64.fetchOne(
                    db, sql: "SELECT ticketId FROM knowledge WHERE id = ?", arguments: [id])
                var event = EventRecord(
                    ticketId: ticketID, at: now, type: AuditEventType.reviewed.rawValue, reason: "knowledge",
                    detail: "knowledge entry \(id): \(detail)")
                try event.insert(db)
                if let result { return result }
                return try Self.entry(db, id: id).map(KnowledgeReview.done) ?? .notFound
            }
        }
    }

    static func entry(_ db: Database, id: Int64) throws -> KnowledgeEntry? {
        let row = try Row.fetchOne(
            db,
            sql: """
                SELECT ticket.publicId, knowledge.* FROM knowledge JOIN ticket ON ticket.id = knowledge.ticketId
                WHERE knowledge.id = ?
                """, arguments: [id])
        return try row.map(entry)
    }

    static func entry(_ row: Row) throws -> KnowledgeEntry {
        KnowledgeEntry(
            ticketPublicID: row["publicId"], question: row["question"], answer: row["answer"], intent: row["intent"],
            language: row["language"], id: row["id"], state: row["state"], author: row["author"],
            customerName: row["customerName"], customerEmail: row["customerEmail"])
    }

    private static func setFindings(_ findings: [PersonalDataScreen.Finding], id: Int64, db: Database) throws {
        try db.execute(
            sql: "UPDATE knowledge SET findings = ? WHERE id = ?",
            arguments: [StoredList.text(findings.map(\.description)), id])
    }
}
