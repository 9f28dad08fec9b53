import Foundation
import MailroomCore
import MailroomStore
import PostgresNIO

extension PostgresStore: KnowledgeStore {
    /// The approved entries, for the similarity index.
    public func knowledge() throws -> [KnowledgeEntry] {
        try knowledgeEntries(state: .approved)
    }

    /// The entries in `state` (all when nil), oldest first.
    public func knowledgeEntries(state: KnowledgeState?) throws -> [KnowledgeEntry] {
        let state = state?.rawValue
        return try connections.read { session in
            var bindings = PostgresBindings()
            bindings.append(state)
            return try session.query(
                PostgresQuery(
                    unsafeSQL: """
                        SELECT \(PostgresKnowledgeWrites.columns) FROM knowledge k JOIN ticket t ON t.id = k.ticketId
                        WHERE $1::text IS NULL OR k.state = $1 ORDER BY k.id
                        """, binds: bindings)
            ).map(PostgresKnowledgeWrites.entry)
        }
    }

    /// One entry.
    public func knowledgeEntry(id: Int64) throws -> KnowledgeEntry? {
        try connections.read { session in try Self.entry(session, id: id) }
    }

    static func entry(_ session: PostgresSession, id: Int64) throws -> KnowledgeEntry? {
        try session.query(
            PostgresQuery(
                unsafeSQL: """
                    SELECT \(PostgresKnowledgeWrites.columns) FROM knowledge k JOIN ticket t ON t.id = k.ticketId
                    WHERE k.id = $1
                    """, binds: try binds(id))
        ).first.map(PostgresKnowledgeWrites.entry)
    }

    /// What the personal-data screen found in an entry.
    public func knowledgeFindings(id: Int64) throws -> [String] {
        try connections.read { session in
            try session.scalar("SELECT findings FROM knowledge WHERE id = \(id)", as: String.self).map(
                PostgresTickets.strings) ?? []
        }
    }

    /// How often each entry was reused, by id.
    public func knowledgeReuseCounts() throws -> [Int64: Int] {
        try connections.read { session in
            let rows = try session.query("SELECT id, reuseCount FROM knowledge").map {
                (try $0.required(0, as: Int64.self), Int(try $0.required(1, as: Int32.self)))
            }
            return Dictionary(uniqueKeysWithValues: rows)
        }
    }

    /// Approves an entry unless the personal-data screen finds something.
    public func approveKnowledge(id: Int64, by reviewer: String, now: Date) throws -> KnowledgeReview {
        try review(id: id, by: reviewer, now: now) { session, entry in
            let findings = PersonalDataScreen.findings(in: entry)
            try Self.setFindings(findings, id: id, session)
            guard findings.isEmpty else {
                return (.refused(findings), "approval refused: \(findings.map(\.description).joined(separator: "; "))")
            }
            try session.execute("UPDATE knowledge SET state = 'approved' WHERE id = \(id)")
            return (nil, "approved for reuse by \(reviewer)")
        }
    }

    /// Rejects an entry.
    public func rejectKnowledge(id: Int64, by reviewer: String, reason: String?, now: Date) throws -> KnowledgeReview {
        try review(id: id, by: reviewer, now: now) { session, _ in
            try session.execute("UPDATE knowledge SET state = 'rejected' WHERE id = \(id)")
            return (nil, "rejected by \(reviewer)" + (reason.map { ": \($0)" } ?? ""))
        }
    }

    /// Replaces an entry's answer; it waits for approval again.
    public func editKnowledge(id: Int64, answer: String, by reviewer: String, now: Date) throws -> KnowledgeReview {
        try review(id: id, by: reviewer, now: now) { session, entry in
            var edited = entry
            edited.answer = answer
            try Self.setFindings(PersonalDataScreen.findings(in: edited), id: id, session)
            try session.execute(
                "UPDATE knowledge SET answer = \(answer), state = 'pending', author = \(reviewer) WHERE id = \(id)")
            return (nil, "answer edited by \(reviewer); pending approval")
        }
    }

    private func review(
        id: Int64, by reviewer: String, now: Date,
        _ body: (PostgresSession, KnowledgeEntry) throws -> (KnowledgeReview?, String)
    ) throws -> KnowledgeReview {
        try connections.transaction { session in
            guard try session.scalar("SELECT id FROM knowledge WHERE id = \(id) FOR UPDATE", as: Int64.self) != nil,
                let entry = try Self.entry(session, id: id)
            else { return .notFound }
            let (result, detail) = try body(session, entry)
            let ticketID = try session.scalar(
                """
                UPDATE knowledge SET reviewedBy = \(reviewer), reviewedAt = \(now), updatedAt = \(now) WHERE id = \(id)
                RETURNING ticketId
                """, as: Int64.self)
            try Self.appendEvent(
                session, ticketID: ticketID, at: now, type: AuditEventType.reviewed.rawValue, reason: "knowledge",
                detail: "knowledge entry \(id): \(detail)")
            if let result { return result }
            return try Self.entry(session, id: id).map(KnowledgeReview.done) ?? .notFound
        }
    }

    private static func setFindings(_ findings: [PersonalDataScreen.Finding], id: Int64, _ session: PostgresSession)
        throws
    {
        let json = PostgresTickets.json(findings.map(\.description))
        try session.execute("UPDATE knowledge SET findings = \(json) WHERE id = \(id)")
    }

    /// A stamp that changes whenever the approved knowledge does.
    public func knowledgeStamp() throws -> KnowledgeStamp {
        try connections.read { session in
            guard
                let row = try session.query(
                    "SELECT count(*), max(updatedAt), COALESCE(sum(id), 0)::bigint FROM knowledge WHERE state = 'approved'"
                ).first
            else { return KnowledgeStamp(count: 0, latest: nil, idSum: 0) }
            return KnowledgeStamp(
                count: Int(try row.required(0, as: Int64.self)), latest: try row.value(1),
                idSum: try row.required(2, as: Int64.self))
        }
    }

    /// Stores approved entries with placeholder tickets (replay).
    public func seedApprovedKnowledge(_ entries: [KnowledgeEntry], now: Date) throws {
        try connections.transaction { session in
            for entry in entries where entry.state == .approved {
                let ticket = Ticket(
                    publicID: entry.ticketPublicID, customerEmail: entry.customerEmail ?? "unknown@invalid",
                    customerName: entry.customerName, subject: "(replay seed)", status: .closed, receivedAt: now)
                let ticketID = try PostgresTickets.save(ticket, session)
                try PostgresKPIs.move(
                    session, from: nil, to: try PostgresKPIs.facts(session, publicID: ticket.publicID))
                var approved = entry
                approved.state = .approved
                _ = try PostgresKnowledgeWrites.learn(approved, ticketID: ticketID, session, now: now)
            }
        }
    }
}
