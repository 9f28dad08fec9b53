import Foundation
import GRDB
import MailroomCore
import Testing

@testable import MailroomStore

/// The records of the hot paths write their columns by hand: each must write every column of its table, and
/// what it writes must read back as the same record.
@Suite struct StoreRecordTests {
    /// Dates whose milliseconds are exact in binary (the store keeps milliseconds).
    static let at = Date(timeIntervalSince1970: 1_800_000_123.5)
    static let later = Date(timeIntervalSince1970: 1_800_090_000.25)

    static func ticket() -> TicketRecord {
        TicketRecord(
            id: nil, publicId: "T-1", customerEmail: "ann@example.com", customerName: "Ann", subject: "Order",
            status: .open, intent: "track_order", confidence: 0.9, urgency: "low", sentiment: "neutral",
            churnRisk: "low", language: "en", signals: "{}", receivedAt: at, firstResponseAt: later,
            resolvedAt: later, updatedAt: later, lastCustomerMessageId: "<a@example.com>", threadReferences: "[]",
            automaticReplies: 2, escalationMessageId: "<e@example.com>", question: "Where?", participants: "[]",
            reopenCount: 1, autoAnsweredAt: later, firstAutoResponseAt: later, firstHumanResponseAt: later,
            escalatedAt: later, agentAnsweredAt: later, closedAt: later, customerFollowUpAt: later,
            firstResponseDueAt: later, resolutionDueAt: later, contradicted: true, slaAlertedAt: later)
    }

    func columns(_ table: String, _ store: SQLiteStore) throws -> Set<String> {
        try store.pool.read { db in Set(try db.columns(in: table).map(\.name)) }
    }

    /// The row `insertRow` (and `updateRow`) writes, and the one GRDB's record insert (and update) writes, each in
    /// a database of its own, as `[column: value]`.
    func rowsWrittenBothWays<R: ColumnRecord>(_ record: R, change: ((inout R) -> Void)? = nil) throws -> (
        fast: [String: DatabaseValue], grdb: [String: DatabaseValue]
    ) {
        func written(fast: Bool) throws -> [String: DatabaseValue] {
            let database = try TemporaryDatabase()
            var copy = record
            try database.store.pool.write { db in
                if fast { try copy.insertRow(db) } else { try copy.insert(db) }
                guard let change else { return }
                change(&copy)
                if fast { try copy.updateRow(db) } else { try copy.update(db) }
            }
            let row = try database.store.pool.read { db in
                try Row.fetchOne(db, sql: "SELECT * FROM \(R.databaseTableName)")
            }
            var values: [String: DatabaseValue] = [:]
            for (column, value) in try #require(row) { values[column] = value }
            if fast { #expect(values["id"] == copy.id?.databaseValue, "insertRow sets the row id") }
            return values
        }
        return (try written(fast: true), try written(fast: false))
    }

    @Test func theCachedStatementsWriteWhatGRDBsRecordMethodsWrite() throws {
        let ticket = Self.ticket()
        let inserted = try rowsWrittenBothWays(ticket)
        #expect(inserted.fast == inserted.grdb && inserted.fast.count == TicketRecord.writtenColumns.count + 1)
        let updated = try rowsWrittenBothWays(ticket) { record in
            record.status = .closed
            record.customerName = nil
            record.closedAt = Self.at
        }
        #expect(updated.fast == updated.grdb)
        #expect(updated.fast["status"] == "closed".databaseValue && updated.fast["customerName"] == .null)

        let outbox = OutboxRecord(
            id: nil, ticketId: nil, sourceMessageId: nil, purpose: .autoReply, envelopeFrom: "support@shop.example",
            recipients: "[\"ann@example.com\"]", messageIdHeader: "<o@shop.example>", subject: "Re: Order",
            state: .queued, attempts: 3, nextAttemptAt: Self.at, lastError: "451",
            createdAt: Self.at, sentAt: Self.later, errorClass: "transient")
        let outboxRows = try rowsWrittenBothWays(outbox) { $0.state = .sent }
        #expect(outboxRows.fast == outboxRows.grdb && outboxRows.fast.count == OutboxRecord.writtenColumns.count + 1)

        let message = MessageRecord(
            id: nil, direction: "in", source: "imap", mailboxId: nil, uidValidity: 7, uid: 42,
            messageIdHeader: "<m@example.com>", fromHeader: "Ann <ann@example.com>", contentHash: "abc",
            size: 3, envelopeRecipient: "support@shop.example", oversizedSize: 9,
            receivedAt: Self.at, state: .processed, kind: "normal", fromAddress: "ann@example.com", subject: "Order",
            ticketId: nil, processedAt: Self.later, outcome: "escalated", submittedBy: "form")
        let messageRows = try rowsWrittenBothWays(message)
        #expect(
            messageRows.fast == messageRows.grdb && messageRows.fast.count == MessageRecord.writtenColumns.count + 1)

        let mail = try rowsWrittenBothWays(AutomaticMailRecord(id: nil, address: "ann@example.com", queuedAt: Self.at))
        #expect(mail.fast == mail.grdb && mail.fast.count == 3)
    }

    @Test func updatingARowThatIsNotThereFails() throws {
        let database = try TemporaryDatabase()
        var ticket = Self.ticket()
        ticket.id = 999
        #expect(throws: StoreError.self) { try database.store.pool.write { db in try ticket.updateRow(db) } }
    }

    @Test func everyColumnIsWrittenAndReadsBackEqual() throws {
        let database = try TemporaryDatabase()
        let store = database.store
        var ticket = Self.ticket()
        #expect(Set(try ticket.databaseDictionary.keys) == (try columns("ticket", store)))
        try store.pool.write { db in try ticket.insert(db) }
        let ticketID = try #require(ticket.id)
        #expect(try store.pool.read { db in try TicketRecord.fetchOne(db, key: ticketID) } == ticket)

        ticket.status = .closed
        ticket.contradicted = false
        ticket.customerName = nil
        try store.pool.write { db in try ticket.update(db) }
        #expect(try store.pool.read { db in try TicketRecord.fetchOne(db, key: ticketID) } == ticket)

        var outbox = OutboxRecord(
            id: nil, ticketId: ticketID, sourceMessageId: nil, purpose: .autoReply,
            envelopeFrom: "support@shop.example", recipients: "[\"ann@example.com\"]",
            messageIdHeader: "<o@shop.example>", subject: "Re: Order",
            state: .queued, attempts: 3, nextAttemptAt: Self.at, lastError: "451",
            createdAt: Self.at, sentAt: Self.later, errorClass: "transient")
        #expect(Set(try outbox.databaseDictionary.keys) == (try columns("outbox", store)))
        try store.pool.write { db in try outbox.insert(db) }
        #expect(try store.pool.read { db in try OutboxRecord.fetchOne(db, key: outbox.id) } == outbox)

        var event = EventRecord(
            id: nil, ticketId: ticketID, messageId: nil, outboxId: outbox.id, at: Self.at, type: "escalated",
            reason: "lowConfidence", detail: "why")
        #expect(Set(try event.databaseDictionary.keys) == (try columns("event", store)))
        try store.pool.write { db in try event.insert(db) }
        #expect(try store.pool.read { db in try EventRecord.fetchOne(db, key: event.id) } == event)

        var message = MessageRecord(
            id: nil, direction: "in", source: "imap", mailboxId: nil, uidValidity: 7, uid: 42,
            messageIdHeader: "<m@example.com>", fromHeader: "Ann <ann@example.com>", contentHash: "abc",
            size: 3, envelopeRecipient: "support@shop.example", oversizedSize: nil,
            receivedAt: Self.at, state: .processed, kind: "normal", fromAddress: "ann@example.com", subject: "Order",
            ticketId: ticketID, processedAt: Self.later, outcome: "escalated", submittedBy: nil)
        #expect(Set(try message.databaseDictionary.keys) == (try columns("message", store)))
        try store.pool.write { db in try message.insert(db) }
        #expect(try store.pool.read { db in try MessageRecord.fetchOne(db, key: message.id) } == message)
        #expect(
            try store.pool.read { db in try String.fetchOne(db, sql: "SELECT receivedAt FROM message") }
                == String.fromDatabaseValue(Self.at.databaseValue), "the text GRDB itself writes for a date")

        var mail = AutomaticMailRecord(id: nil, address: "ann@example.com", queuedAt: Self.at)
        #expect(Set(try mail.databaseDictionary.keys) == (try columns("automaticMail", store)))
        try store.pool.write { db in try mail.insert(db) }
        // Records without `didInsert` keep a nil id: the one row of the table is compared.
        mail.id = try store.pool.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM automaticMail") }
        #expect(try store.pool.read { db in try AutomaticMailRecord.fetchOne(db, key: mail.id) } == mail)

        var hit = RateLimitHitRecord(id: nil, address: "ann@example.com", at: Self.at)
        #expect(Set(try hit.databaseDictionary.keys) == (try columns("rateLimitHit", store)))
        try store.pool.write { db in try hit.insert(db) }
        hit.id = try store.pool.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM rateLimitHit") }
        #expect(try store.pool.read { db in try RateLimitHitRecord.fetchOne(db, key: hit.id) } == hit)

        let pause = SenderPauseRecord(
            address: "ann@example.com", until: Self.later, reason: "flood", createdAt: Self.at)
        #expect(Set(try pause.databaseDictionary.keys) == (try columns("senderPause", store)))
        try store.pool.write { db in try pause.upsert(db) }
        #expect(try store.pool.read { db in try SenderPauseRecord.fetchOne(db, key: "ann@example.com") } == pause)
    }

    @Test func datesAreStoredInGRDBsTextFormat() throws {
        let database = try TemporaryDatabase()
        var hit = RateLimitHitRecord(id: nil, address: "ann@example.com", at: Self.at)
        try database.store.pool.write { db in try hit.insert(db) }
        #expect(try hit.databaseDictionary["at"] == Self.at.databaseValue)
        let stored = try database.store.pool.read { db in
            try String.fetchOne(db, sql: "SELECT at FROM rateLimitHit")
        }
        #expect(stored == "2027-01-15 08:02:03.500")
    }

    @Test func anAppendedEventIsTheRowAnInsertWrites() throws {
        let database = try TemporaryDatabase()
        let store = database.store
        var inserted = EventRecord(
            ticketId: nil, messageId: nil, outboxId: nil, at: Self.at, type: "suppressed", reason: "bounce",
            detail: "a bounce")
        var appended = inserted
        try store.pool.write { db in
            try inserted.insert(db)
            try appended.append(db)
        }
        let rows = try store.pool.read { db in try EventRecord.fetchAll(db, sql: "SELECT * FROM event ORDER BY id") }
        #expect(rows.count == 2)
        #expect(appended.id == (try #require(inserted.id)) + 1)
        #expect(
            rows.map { row in
                var row = row
                row.id = nil
                return row
            }.allSatisfy {
                $0
                    == EventRecord(
                        ticketId: nil, messageId: nil, outboxId: nil, at: Self.at, type: "suppressed", reason: "bounce",
                        detail: "a bounce")
            })
        // Both were counted in their day's rollup of suppressed mail.
        let counted = try store.pool.read { db in
            try Double.fetchOne(db, sql: "SELECT value FROM kpiRollup WHERE name = 'suppressed' AND key = 'bounce'")
        }
        #expect(counted == 2)
    }
}
