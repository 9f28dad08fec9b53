import Foundation
import MailroomCore
import MailroomStore
import PostgresNIO

/// Tickets on PostgreSQL: one ordered column list for reads, and an upsert by public id for writes (the store's
/// own `slaAlertedAt` and search body are kept).
enum PostgresTickets {
    /// The columns ``ticket(_:)`` reads, in order (`t` is the ticket table).
    static let columns = """
        t.publicId, t.customerEmail, t.customerName, t.subject, t.status, t.receivedAt, t.intent, t.confidence,
        t.urgency, t.sentiment, t.churnRisk, t.language, t.signals, t.firstResponseAt, t.resolvedAt, t.updatedAt,
        t.lastCustomerMessageId, t.threadReferences, t.automaticReplies, t.escalationMessageId, t.question,
        t.participants, t.reopenCount, t.autoAnsweredAt, t.firstAutoResponseAt, t.firstHumanResponseAt,
        t.escalatedAt, t.agentAnsweredAt, t.closedAt, t.customerFollowUpAt, t.firstResponseDueAt,
        t.resolutionDueAt, t.contradicted
        """

    /// A ticket from a row of ``columns``.
    static func ticket(_ row: PostgresRow) throws -> Ticket {
        try ticket(row, offset: 0)
    }

    /// A ticket from the columns of ``columns`` starting at `offset`.
    static func ticket(_ row: PostgresRow, offset: Int) throws -> Ticket {
        let row = OffsetRow(row: row, offset: offset)
        let status = try row.required(4, as: String.self)
        var ticket = Ticket(
            publicID: try row.required(0), customerEmail: try row.required(1), customerName: try row.value(2),
            subject: try row.required(3), status: TicketStatus(rawValue: status) ?? .open,
            receivedAt: try row.required(5))
        ticket.intent = try row.value(6)
        ticket.confidence = try row.value(7)
        ticket.urgency = try row.value(8)
        ticket.sentiment = try row.value(9)
        ticket.churnRisk = try row.value(10)
        ticket.language = try row.value(11)
        ticket.signalsJSON = try row.value(12)
        ticket.firstResponseAt = try row.value(13)
        ticket.resolvedAt = try row.value(14)
        ticket.updatedAt = try row.required(15)
        ticket.lastCustomerMessageID = try row.value(16)
        ticket.references = strings(try row.required(17))
        ticket.automaticReplies = Int(try row.required(18, as: Int32.self))
        ticket.escalationMessageID = try row.value(19)
        ticket.question = try row.value(20)
        ticket.participants = strings(try row.required(21))
        ticket.reopenCount = Int(try row.required(22, as: Int32.self))
        ticket.autoAnsweredAt = try row.value(23)
        ticket.firstAutoResponseAt = try row.value(24)
        ticket.firstHumanResponseAt = try row.value(25)
        ticket.escalatedAt = try row.value(26)
        ticket.agentAnsweredAt = try row.value(27)
        ticket.closedAt = try row.value(28)
        ticket.customerFollowUpAt = try row.value(29)
        ticket.firstResponseDueAt = try row.value(30)
        ticket.resolutionDueAt = try row.value(31)
        ticket.contradicted = try row.required(32)
        return ticket
    }

    /// A row read from a column offset on.
    struct OffsetRow {
        let row: PostgresRow
        let offset: Int

        func value<T: PostgresDecodable>(_ index: Int, as type: T.Type = T.self) throws -> T? {
            try row.value(index + offset, as: type)
        }

        func required<T: PostgresDecodable>(_ index: Int, as type: T.Type = T.self) throws -> T {
            try row.required(index + offset, as: type)
        }
    }

    /// Inserts or updates `ticket` (by public id); returns its row id.
    static func save(_ ticket: Ticket, _ session: PostgresSession) throws -> Int64 {
        let references = json(ticket.references)
        let participants = json(ticket.participants)
        let query: PostgresQuery = """
            INSERT INTO ticket (publicId, customerEmail, customerName, subject, status, receivedAt, intent, confidence,
              urgency, sentiment, churnRisk, language, signals, firstResponseAt, resolvedAt, updatedAt,
              lastCustomerMessageId, threadReferences, automaticReplies, escalationMessageId, question, participants,
              reopenCount, autoAnsweredAt, firstAutoResponseAt, firstHumanResponseAt, escalatedAt, agentAnsweredAt,
              closedAt, customerFollowUpAt, firstResponseDueAt, resolutionDueAt, contradicted)
            VALUES (\(ticket.publicID), \(ticket.customerEmail), \(ticket.customerName), \(ticket.subject),
              \(ticket.status.rawValue), \(ticket.receivedAt), \(ticket.intent), \(ticket.confidence), \(ticket.urgency),
              \(ticket.sentiment), \(ticket.churnRisk), \(ticket.language), \(ticket.signalsJSON),
              \(ticket.firstResponseAt), \(ticket.resolvedAt), \(ticket.updatedAt), \(ticket.lastCustomerMessageID),
              \(references), \(Int32(clamping: ticket.automaticReplies)), \(ticket.escalationMessageID),
              \(ticket.question), \(participants), \(Int32(clamping: ticket.reopenCount)), \(ticket.autoAnsweredAt),
              \(ticket.firstAutoResponseAt), \(ticket.firstHumanResponseAt), \(ticket.escalatedAt),
              \(ticket.agentAnsweredAt), \(ticket.closedAt), \(ticket.customerFollowUpAt), \(ticket.firstResponseDueAt),
              \(ticket.resolutionDueAt), \(ticket.contradicted))
            ON CONFLICT (publicId) DO UPDATE SET customerEmail = excluded.customerEmail,
              customerName = excluded.customerName, subject = excluded.subject, status = excluded.status,
              receivedAt = excluded.receivedAt, intent = excluded.intent, confidence = excluded.confidence,
              urgency = excluded.urgency, sentiment = excluded.sentiment, churnRisk = excluded.churnRisk,
              language = excluded.language, signals = excluded.signals, firstResponseAt = excluded.firstResponseAt,
              resolvedAt = excluded.resolvedAt, updatedAt = excluded.updatedAt,
              lastCustomerMessageId = excluded.lastCustomerMessageId, threadReferences = excluded.threadReferences,
              automaticReplies = excluded.automaticReplies, escalationMessageId = excluded.escalationMessageId,
              question = excluded.question, participants = excluded.participants, reopenCount = excluded.reopenCount,
              autoAnsweredAt = excluded.autoAnsweredAt, firstAutoResponseAt = excluded.firstAutoResponseAt,
              firstHumanResponseAt = excluded.firstHumanResponseAt, escalatedAt = excluded.escalatedAt,
              agentAnsweredAt = excluded.agentAnsweredAt, closedAt = excluded.closedAt,
              customerFollowUpAt = excluded.customerFollowUpAt, firstResponseDueAt = excluded.firstResponseDueAt,
              resolutionDueAt = excluded.resolutionDueAt, contradicted = excluded.contradicted
            RETURNING id
            """
        guard let id = try session.scalar(query, as: Int64.self) else {
            throw StoreError.missingRow("ticket \(ticket.publicID)")
        }
        return id
    }

    /// Appends a message's words to the ticket's search body (bounded, as on SQLite) and renews its search
    /// vector over the subject, the customer and the body.
    static func index(_ ticket: Ticket, ticketID: Int64, text: String?, _ session: PostgresSession) throws {
        let head = searchWords(ticket.subject + " " + ticket.customerEmail + " " + (ticket.customerName ?? ""))
        let added = text.map { searchWords(String($0.prefix(20_000))) } ?? ""
        // One statement: the body grows (bounded), and the vector is made from the new body.
        try session.execute(
            """
            UPDATE ticket SET searchBody = grown.body, search = to_tsvector('simple', \(head) || ' ' || grown.body)
            FROM (SELECT CASE WHEN \(added) = '' OR octet_length(searchBody) >= 200000 THEN searchBody
                              WHEN searchBody = '' THEN \(added) ELSE searchBody || ' ' || \(added) END AS body
                  FROM ticket WHERE id = \(ticketID)) AS grown
            WHERE id = \(ticketID)
            """)
    }

    /// The words of `text` as SQLite's FTS5 `unicode61 remove_diacritics 2` tokenizer sees them: runs of letters
    /// and digits, without diacritics, in lower case, separated by one space.
    static func searchWords(_ text: String) -> String {
        text.folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
            .split(whereSeparator: { !($0.isLetter || $0.isNumber) })
            .joined(separator: " ")
    }

    static func json(_ strings: [String]) -> String {
        (try? JSONEncoder().encode(strings)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
    }

    static func strings(_ json: String) -> [String] {
        (try? JSONDecoder().decode([String].self, from: Data(json.utf8))) ?? []
    }
}
