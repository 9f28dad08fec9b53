import Foundation
import GRDB
import MailroomCore
import Testing

@testable import MailroomStore

/// Many messages per transaction: the same results as one by one, a failing message quarantined alone, and a
/// database error that writes nothing of the batch.
@Suite struct StoreBatchTests {
    static func outcome(_ id: String) -> ProcessingOutcome {
        let ticket = Ticket(
            publicID: id, customerEmail: "\(id.lowercased())@example.com", customerName: nil, subject: "Order",
            status: .escalated, receivedAt: t0)
        return ProcessingOutcome(
            disposition: .processed(summary: .escalated), kind: "normal",
            fromAddress: ticket.customerEmail, subject: "Order", ticket: ticket, ticketIsNew: true,
            events: [AuditEvent(.decided, reason: "lowConfidence", "batch")])
    }

    @Test(arguments: Backend.available) func aBatchIngestsAndAdvancesTheCheckpointInOrder(_ backend: Backend) throws {
        let database = try backend.makeStore()
        defer { withExtendedLifetime(database) {} }
        let requests = (1...5).map { index in
            IngestRequest(
                raw: mail("b\(index)"), source: "imap", mailbox: "imap:inbox", uidValidity: 7, uid: UInt32(index),
                receivedAt: t0)
        }
        let results = try database.store.ingest(requests + [requests[2]])
        #expect(results.prefix(5).allSatisfy { if case .stored = $0 { true } else { false } })
        #expect({ if case .duplicate = results[5] { true } else { false } }())
        #expect(try database.store.checkpoint(for: "imap:inbox") == Checkpoint(uidValidity: 7, lastUID: 5))
        #expect(try database.store.receivedMessages(limit: 10).count == 5)
        #expect(try database.store.receivedMessages(after: 2, limit: 2) == [3, 4])
    }

    /// A received message is read back with every column it was stored with, set or not.
    @Test(arguments: Backend.available) func aReceivedMessageIsReadBackWithItsColumns(_ backend: Backend) throws {
        let database = try backend.makeStore()
        defer { withExtendedLifetime(database) {} }
        let full = IngestRequest(
            raw: mail("r1"), source: "form", envelopeRecipient: "support+x@shop.example", oversizedSize: 9_000_000,
            submittedBy: "web form", receivedAt: t0.addingTimeInterval(0.123))
        let bare = IngestRequest(raw: mail("r2"), source: "maildir", receivedAt: t0)
        _ = try database.store.ingest([full, bare])
        let messages = try database.store.receivedMessages(rowIDs: [1, 2, 3])
        #expect(messages.map(\.rowID) == [1, 2])
        let first = try #require(messages.first)
        #expect(first.raw == full.raw && first.source == "form" && first.envelopeRecipient == "support+x@shop.example")
        #expect(first.oversizedSize == 9_000_000 && first.submittedBy == "web form")
        #expect(abs(first.receivedAt.timeIntervalSince(full.receivedAt)) < 0.001)
        let second = try #require(messages.last)
        #expect(second.raw == bare.raw && second.source == "maildir" && second.receivedAt == t0)
        #expect(second.envelopeRecipient == nil && second.oversizedSize == nil && second.submittedBy == nil)
    }

    @Test(arguments: Backend.available) func aFailingMessageIsQuarantinedAloneInTheSameTransaction(_ backend: Backend)
        throws
    {
        struct Boom: Error {}
        let database = try backend.makeStore()
        defer { withExtendedLifetime(database) {} }
        for index in 1...3 {
            _ = try database.store.ingest(IngestRequest(raw: mail("q\(index)"), source: "test", receivedAt: t0))
        }
        var fallbacks: [Int64] = []
        let results = try database.store.process(
            rowIDs: [1, 2, 3], now: t0,
            { message, _ in
                if message.rowID == 2 { throw Boom() }
                return Self.outcome("MR-BATCH\(message.rowID)")
            },
            fallback: { message, error in
                #expect(error is Boom)
                fallbacks.append(message.rowID)
                return ProcessingOutcome(disposition: .quarantined(.processingError, detail: "boom"))
            })
        #expect(fallbacks == [2])
        #expect(results.map(\.rowID) == [1, 2, 3])
        #expect(results.map(\.summary) == [.escalated, .quarantined(.processingError), .escalated])
        #expect(try database.store.ticket(publicID: "MR-BATCH1") != nil)
        #expect(try database.store.ticket(publicID: "MR-BATCH3") != nil)
        #expect(try database.store.quarantined().map(\.messageRowID) == [2])
        #expect(try database.store.receivedMessages(limit: 10).isEmpty)
        // Done once: a second batch over the same rows finds nothing to do.
        let again = try database.store.process(
            rowIDs: [1, 2, 3], now: t0, { _, _ in Self.outcome("MR-AGAIN") }, fallback: { _, error in throw error })
        #expect(again.isEmpty)
    }

    @Test(arguments: Backend.available) func aDatabaseErrorWritesNothingOfTheBatch(_ backend: Backend) throws {
        let database = try backend.makeStore()
        defer { withExtendedLifetime(database) {} }
        for index in 1...2 {
            _ = try database.store.ingest(IngestRequest(raw: mail("d\(index)"), source: "test", receivedAt: t0))
        }
        // The second message's lookup fails in the database: the first one's writes go too.
        #expect(throws: StoreError.self) {
            try database.store.process(
                rowIDs: [1, 2], now: t0,
                { message, lookup in
                    if message.rowID == 2 {
                        switch backend {
                        case .sqlite: throw DatabaseError(resultCode: .SQLITE_IOERR, message: "disk I/O error")
                        // PostgreSQL refuses a NUL byte in text: a real error from the server.
                        case .postgresql: _ = try lookup.ticket(publicID: "MR-\u{0}")
                        }
                    }
                    return Self.outcome("MR-SAME")
                }, fallback: { _, error in throw error })
        }
        #expect(try database.store.ticket(publicID: "MR-SAME") == nil)
        #expect(try database.store.receivedMessages(limit: 10) == [1, 2])
    }

    /// FTS5 holds what is inserted until the commit, unless a later statement of the transaction opens a statement
    /// savepoint: then it writes a segment of what it holds. A batch's entries written between each message's other
    /// writes made a segment per message (and merges of them); written after them, the batch makes one.
    @Test func aBatchWritesItsSearchEntriesAsOneSegment() throws {
        let database = try TemporaryDatabase()
        let store = database.store
        _ = try store.ingest((1...6).map { IngestRequest(raw: mail("s\($0)"), source: "test", receivedAt: t0) })
        let results = try store.process(
            rowIDs: Array(1...6), now: t0,
            { message, _ in
                var outcome = Self.outcome("MR-SEG\(message.rowID)")
                outcome.searchText = "segment word\(message.rowID)"
                return outcome
            }, fallback: { _, error in throw error })
        #expect(results.count == 6)
        let segments = try store.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT segid) FROM ticketSearch_idx")
        }
        #expect(segments == 1)
        #expect(try store.tickets(TicketQuery(words: ["word4"])).tickets.map(\.1.publicID) == ["MR-SEG4"])
        #expect(try store.tickets(TicketQuery(words: ["segment"])).tickets.count == 6)
    }
    /// A batch reads each mailbox's row once and writes its checkpoint and the day's message counter once, at its
    /// end (before, every message read the row, updated it twice and moved the counter of its day and its month),
    /// and leaves the rows exactly as storing the same messages one by one does.
    @Test func aBatchReadsAndWritesItsMailboxAndCounterOnce() throws {
        var requests = (1...5).map { index in
            IngestRequest(
                raw: mail("m\(index)"), source: "imap", mailbox: "imap:inbox", uidValidity: 7, uid: UInt32(index),
                receivedAt: t0.addingTimeInterval(Double(index)))
        }
        // A new message without a UID, then another copy of the third: the last to arrive sets the time.
        requests.append(
            IngestRequest(raw: mail("m6"), source: "form", mailbox: "imap:inbox", receivedAt: t0.addingTimeInterval(6)))
        var copy = requests[2]
        copy.receivedAt = t0.addingTimeInterval(7)
        requests.append(copy)

        let batched = try TemporaryDatabase()
        let statements = StatementLog()
        try batched.store.pool.writeWithoutTransaction { db in
            db.trace { event in
                if case .statement(let statement) = event { statements.append(statement.sql) }
            }
        }
        let results = try batched.store.ingest(requests)
        #expect(
            results.map { if case .stored = $0 { true } else { false } } == [true, true, true, true, true, true, false])
        #expect(statements.count { $0.hasPrefix("SELECT * FROM mailbox") } == 1)
        #expect(statements.count { $0.hasPrefix("UPDATE mailbox") } == 1)
        #expect(statements.count { $0.hasPrefix("INSERT INTO kpiRollup ") } == 1)
        #expect(statements.count { $0.hasPrefix("INSERT INTO kpiRollupMonth ") } == 1)

        let oneByOne = try TemporaryDatabase()
        for request in requests { _ = try oneByOne.store.ingest(request) }
        let query = """
            SELECT name || ' ' || uidValidity || ' ' || lastUID || ' ' || lastMessageAt FROM mailbox
            UNION ALL SELECT day || ' ' || name || ' ' || key || ' ' || value FROM kpiRollup
            UNION ALL SELECT month || ' ' || name || ' ' || key || ' ' || value FROM kpiRollupMonth
            """
        let rows = try batched.store.pool.read { db in try String.fetchAll(db, sql: query) }
        #expect(rows == (try oneByOne.store.pool.read { db in try String.fetchAll(db, sql: query) }))
        #expect(rows.first == "imap:inbox 7 5 2027-01-15 08:00:07.000")  // the time of the copy, the last to arrive
        #expect(try batched.store.checkpoint(for: "imap:inbox") == Checkpoint(uidValidity: 7, lastUID: 5))
    }

    /// A transaction's KPI rollup changes go out many to a statement: 45 changed cells over 3 days of one month
    /// take 32 + 8 + 4 + 1 rows (4 statements; before, 45), the month's 15 cells 8 + 4 + 2 + 1. The sums are those
    /// of one upsert a cell, onto rows that exist and rows that do not.
    @Test func aTransactionsRollupChangesGoOutManyToAStatement() throws {
        let cells = (0..<15).map { KPICell("test", "k\($0)") }
        let days = ["2026-12-01", "2026-12-02", "2026-12-03"]
        let batched = try TemporaryDatabase()
        let oneByOne = try TemporaryDatabase()
        let statements = StatementLog()
        try batched.store.pool.writeWithoutTransaction { db in
            db.trace { event in
                if case .statement(let statement) = event { statements.append(statement.sql) }
            }
        }
        for round in 0..<2 {
            try batched.store.pool.write { db in
                let buffer = KPIRollupBuffer()
                for day in days {
                    for (index, cell) in cells.enumerated() {
                        buffer.add(day: day, cell, Double(index) + 0.25)
                        buffer.add(day: day, cell, Double(round))
                    }
                }
                try buffer.flush(db)
            }
            try oneByOne.store.pool.write { db in
                for day in days {
                    for (index, cell) in cells.enumerated() {
                        try KPIRollup.add(db, day: day, cell, Double(index) + 0.25)
                        try KPIRollup.add(db, day: day, cell, Double(round))
                    }
                }
            }
            #expect(statements.count { $0.hasPrefix("INSERT INTO kpiRollup ") } == 4 * (round + 1))
            #expect(statements.count { $0.hasPrefix("INSERT INTO kpiRollupMonth ") } == 4 * (round + 1))
        }
        let query = """
            SELECT day || ' ' || name || ' ' || key || ' ' || value FROM kpiRollup
            UNION ALL SELECT month || ' ' || name || ' ' || key || ' ' || value FROM kpiRollupMonth ORDER BY 1
            """
        let rows = try batched.store.pool.read { db in try String.fetchAll(db, sql: query) }
        #expect(rows.count == 60)
        #expect(rows == (try oneByOne.store.pool.read { db in try String.fetchAll(db, sql: query) }))
        #expect(rows.contains("2026-12 test k14 88.5"))  // 3 days x (14.25 + 14.25 + 1)
    }
}

/// The statements a connection ran, from its trace (which runs on the connection's queue).
private final class StatementLog: @unchecked Sendable {
    private let lock = NSLock()
    private var sql: [String] = []

    func append(_ statement: String) { lock.withLock { sql.append(statement) } }

    func count(where matches: (String) -> Bool) -> Int { lock.withLock { sql.filter(matches).count } }
}
