import Foundation
import GRDB
import MailroomCore

/// ``GatewayLookup`` over the database connection of the processing transaction. (``SQLiteStore/process``
/// turns its database errors into ``StoreError``, so the processor stops instead of quarantining the message.)
struct StoreLookup: GatewayLookup {
    let db: Database

    func approvedKnowledge(ticketPublicID: String) throws -> KnowledgeEntry? {
        let row = try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT ticket.publicId, knowledge.* FROM knowledge JOIN ticket ON ticket.id = knowledge.ticketId
                    WHERE ticket.publicId = ? AND knowledge.state = 'approved'
                    """), arguments: [ticketPublicID])
        return try row.map(SQLiteStore.entry)
    }

    func ticket(publicID: String) throws -> Ticket? {
        try TicketRecord.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM ticket WHERE publicId = ?"), arguments: [publicID]
        )
        .map(Ticket.init(record:))
    }

    func ticket(forSentMessageID messageID: String) throws -> Ticket? {
        let sql = """
            SELECT ticket.* FROM ticket JOIN outbox ON outbox.ticketId = ticket.id
            WHERE outbox.messageIdHeader = ?
            """
        return try TicketRecord.fetchOne(db.cachedStatement(sql: sql), arguments: [messageID]).map(Ticket.init(record:))
    }

    func automaticMailCount(to address: String, since date: Date) throws -> Int {
        try Int.fetchOne(
            db.cachedStatement(sql: "SELECT COUNT(*) FROM automaticMail WHERE address = ? AND queuedAt >= ?"),
            arguments: [address.lowercased(), StoredDate.value(date)]) ?? 0
    }

    func rateLimitTimes(for address: String, since date: Date) throws -> [Date] {
        try Date.fetchAll(
            db.cachedStatement(sql: "SELECT at FROM rateLimitHit WHERE address = ? AND at >= ? ORDER BY at"),
            arguments: [address.lowercased(), StoredDate.value(date)])
    }

    func activePause(for address: String, at date: Date) throws -> SenderPause? {
        guard
            let row = try SenderPauseRecord.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM senderPause WHERE address = ?"),
                arguments: [address.lowercased()]),
            row.until > date
        else { return nil }
        return SenderPause(until: row.until, reason: SenderPause.Reason(rawValue: row.reason) ?? .bounce)
    }

    func publicIDExists(_ publicID: String) throws -> Bool {
        try Bool.fetchOne(
            db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM ticket WHERE publicId = ?)"), arguments: [publicID])
            ?? false
    }
}

extension Ticket {
    init(record: TicketRecord) {
        self.init(
            publicID: record.publicId, customerEmail: record.customerEmail, customerName: record.customerName,
            subject: record.subject, status: record.status,
            receivedAt: record.receivedAt)
        intent = record.intent
        confidence = record.confidence
        urgency = record.urgency
        sentiment = record.sentiment
        churnRisk = record.churnRisk
        language = record.language
        signalsJSON = record.signals
        firstResponseAt = record.firstResponseAt
        resolvedAt = record.resolvedAt
        updatedAt = record.updatedAt
        lastCustomerMessageID = record.lastCustomerMessageId
        references = StoredList.strings(record.threadReferences) ?? []
        automaticReplies = record.automaticReplies
        escalationMessageID = record.escalationMessageId
        question = record.question
        participants = StoredList.strings(record.participants) ?? []
        reopenCount = record.reopenCount
        autoAnsweredAt = record.autoAnsweredAt
        firstAutoResponseAt = record.firstAutoResponseAt
        firstHumanResponseAt = record.firstHumanResponseAt
        escalatedAt = record.escalatedAt
        agentAnsweredAt = record.agentAnsweredAt
        closedAt = record.closedAt
        customerFollowUpAt = record.customerFollowUpAt
        firstResponseDueAt = record.firstResponseDueAt
        resolutionDueAt = record.resolutionDueAt
        contradicted = record.contradicted
    }
}

extension TicketRecord {
    /// The row of `ticket`; `slaAlertedAt` is the store's own (kept from the stored row).
    init(ticket: Ticket, id: Int64?, slaAlertedAt: Date? = nil) {
        self.init(
            id: id, publicId: ticket.publicID, customerEmail: ticket.customerEmail, customerName: ticket.customerName,
            subject: ticket.subject, status: ticket.status, intent: ticket.intent,
            confidence: ticket.confidence, urgency: ticket.urgency, sentiment: ticket.sentiment,
            churnRisk: ticket.churnRisk, language: ticket.language, signals: ticket.signalsJSON,
            receivedAt: ticket.receivedAt, firstResponseAt: ticket.firstResponseAt, resolvedAt: ticket.resolvedAt,
            updatedAt: ticket.updatedAt, lastCustomerMessageId: ticket.lastCustomerMessageID,
            threadReferences: StoredList.text(ticket.references), automaticReplies: ticket.automaticReplies,
            escalationMessageId: ticket.escalationMessageID, question: ticket.question,
            participants: StoredList.text(ticket.participants), reopenCount: ticket.reopenCount,
            autoAnsweredAt: ticket.autoAnsweredAt,
            firstAutoResponseAt: ticket.firstAutoResponseAt, firstHumanResponseAt: ticket.firstHumanResponseAt,
            escalatedAt: ticket.escalatedAt, agentAnsweredAt: ticket.agentAnsweredAt, closedAt: ticket.closedAt,
            customerFollowUpAt: ticket.customerFollowUpAt, firstResponseDueAt: ticket.firstResponseDueAt,
            resolutionDueAt: ticket.resolutionDueAt, contradicted: ticket.contradicted, slaAlertedAt: slaAlertedAt)
    }
}
