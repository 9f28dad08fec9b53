import Foundation
import MailroomCore
import MailroomStore
import NIOCore
import PostgresNIO

/// Queuing outgoing mail on PostgreSQL (inside the processing transaction).
enum PostgresOutboxWrites {
    /// Queues `drafts`; returns their row ids by Message-ID. The unique keys (one row per source message and
    /// purpose, one per Message-ID) make a second queuing fail the transaction instead of sending twice.
    static func queue(
        _ drafts: [OutboxDraft], ticketID: Int64?, sourceRow: Int64?, _ session: PostgresSession, now: Date
    ) throws -> [String: Int64] {
        var ids: [String: Int64] = [:]
        for draft in drafts {
            let recipients = PostgresTickets.json(draft.recipients)
            let raw = ByteBuffer(bytes: draft.raw)
            ids[draft.messageID] = try session.scalar(
                """
                INSERT INTO outbox (ticketId, sourceMessageId, purpose, envelopeFrom, recipients, messageIdHeader,
                  subject, raw, state, attempts, nextAttemptAt, createdAt)
                VALUES (\(ticketID), \(sourceRow), \(draft.purpose.rawValue), \(draft.envelopeFrom), \(recipients),
                  \(draft.messageID), \(draft.subject), \(raw), 'queued', 0, \(now), \(now))
                RETURNING id
                """, as: Int64.self)
            if draft.purpose.isAutomatic {
                for address in draft.recipients {
                    try session.execute(
                        "INSERT INTO automaticMail (address, queuedAt) VALUES (\(address.lowercased()), \(now))")
                }
            }
        }
        return ids
    }
}

/// Knowledge on PostgreSQL: learning an entry from an answered ticket, and reading entries.
enum PostgresKnowledgeWrites {
    /// The columns ``entry(_:)`` reads (`k` is the knowledge table, `t` its ticket).
    static let columns = """
        t.publicId, k.question, k.answer, k.intent, k.language, k.id, k.state, k.author, k.customerName,
        k.customerEmail
        """

    /// An entry from a row of ``columns``.
    static func entry(_ row: PostgresRow) throws -> KnowledgeEntry {
        KnowledgeEntry(
            ticketPublicID: try row.required(0), question: try row.required(1), answer: try row.required(2),
            intent: try row.value(3), language: try row.value(4), id: try row.value(5),
            state: KnowledgeState(rawValue: try row.required(6)) ?? .pending, author: try row.value(7),
            customerName: try row.value(8), customerEmail: try row.value(9))
    }

    /// Stores `entry` as the ticket's one knowledge entry (replacing an earlier one), screened for personal data.
    static func learn(_ entry: KnowledgeEntry, ticketID: Int64, _ session: PostgresSession, now: Date) throws
        -> KnowledgeEntry
    {
        try session.execute("DELETE FROM knowledge WHERE ticketId = \(ticketID)")
        let findings = PostgresTickets.json(PersonalDataScreen.findings(in: entry).map(\.description))
        let approved = entry.state == .approved
        let reviewedBy = approved ? entry.author : nil
        let reviewedAt = approved ? now : nil
        var stored = entry
        stored.id = try session.scalar(
            """
            INSERT INTO knowledge (ticketId, question, answer, intent, language, createdAt, state, author,
              customerName, customerEmail, findings, reviewedBy, reviewedAt, updatedAt, reuseCount)
            VALUES (\(ticketID), \(entry.question), \(entry.answer), \(entry.intent), \(entry.language), \(now),
              \(entry.state.rawValue), \(entry.author), \(entry.customerName), \(entry.customerEmail), \(findings),
              \(reviewedBy), \(reviewedAt), \(now), 0)
            RETURNING id
            """, as: Int64.self)
        return stored
    }
}
