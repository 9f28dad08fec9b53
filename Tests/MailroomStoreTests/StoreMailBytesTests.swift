import Foundation
import GRDB
import MailroomCore
import Synchronization
import Testing

@testable import MailroomStore

/// A mail's bytes are written to the log once: the updates of its row (processing, each send attempt) leave them
/// where they are (``MailBytes``).
@Suite struct StoreMailBytesTests {
    private static let large = 1 << 20

    /// The bytes written to the log since the last `wal_checkpoint(TRUNCATE)`: the log's length.
    private func logBytes(_ database: TemporaryDatabase) throws -> Int {
        let attributes = try FileManager.default.attributesOfItem(atPath: database.path + "-wal")
        return (attributes[.size] as? Int) ?? 0
    }

    private func truncateLog(_ database: TemporaryDatabase) throws {
        try database.store.pool.writeWithoutTransaction { db in
            _ = try Row.fetchAll(db, sql: "PRAGMA wal_checkpoint(TRUNCATE)")
        }
        #expect(try logBytes(database) == 0)
    }

    @Test func processingAndSendingNeverWriteAMailsBytesAgain() throws {
        let database = try TemporaryDatabase()
        let store = database.store
        let body = String(repeating: "All the logs you asked for, line after line.\n", count: Self.large / 46)
        _ = try store.ingest(IngestRequest(raw: mail("big", body: body), source: "test", receivedAt: t0))
        let escalation = [UInt8](repeating: UInt8(ascii: "x"), count: Self.large)

        try truncateLog(database)
        _ = try store.process(rowID: 1, now: t0) { _, _ in
            let ticket = Ticket(
                publicID: "MR-BIGBIG", customerEmail: "ann@example.com", customerName: nil, subject: "s",
                status: .escalated, receivedAt: t0)
            let draft = OutboxDraft(
                purpose: .escalation, envelopeFrom: "support@shop.example", recipients: ["agents@shop.example"],
                messageID: "big@shop.example", subject: "Escalated: s", raw: escalation)
            return ProcessingOutcome(
                disposition: .processed(summary: .escalated), ticket: ticket, ticketIsNew: true, outbox: [draft])
        }
        // The escalation's 1 MB, once; before, the processed message's 1 MB went through the log again with it.
        let processing = try logBytes(database)
        #expect(processing > Self.large && processing < Self.large + Self.large / 2, "\(processing) bytes")

        try truncateLog(database)
        let item = try #require(try store.claimDueOutbox(now: t0, limit: 1).first)
        #expect(item.raw == escalation)
        try store.recordDelivery(outboxID: item.id, .sent, now: t0)
        // A claim and a delivery: state, attempts and times. Before, each wrote the whole 1 MB again.
        let sending = try logBytes(database)
        #expect(sending < Self.large / 16, "\(sending) bytes")
        #expect(try store.outboxRaw(id: item.id) == escalation)
        #expect(try store.message(rowID: 1)?.raw == mail("big", body: body))
    }

    @Test func aStoreFromBeforeKeepsEveryMailsBytes() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mailroom-bytes-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("mailroom.sqlite").path
        let waiting = mail("old1"), processed = mail("old2"), queued = Array("queued mail".utf8)
        do {
            let queue = try DatabaseQueue(path: path)
            try Migrations.migrator.migrate(queue, upTo: "v5-mailbox-leases")
            try queue.write { db in
                for (id, raw, state) in [(1, waiting, "received"), (2, processed, "processed")] {
                    try db.execute(
                        sql: """
                            INSERT INTO message (id, direction, source, contentHash, raw, size, receivedAt, state)
                            VALUES (?, 'in', 'test', ?, ?, ?, ?, ?)
                            """, arguments: [id, "hash\(id)", Data(raw), raw.count, t0, state])
                }
                try db.execute(
                    sql: """
                        INSERT INTO outbox (id, sourceMessageId, purpose, envelopeFrom, recipients, messageIdHeader,
                          subject, raw, state, attempts, nextAttemptAt, createdAt)
                        VALUES (7, 2, 'auto_reply', 's@x', '["ann@example.com"]', 'm7@x', 's', ?, 'queued', 0, ?, ?)
                        """, arguments: [Data(queued), t0, t0])
            }
        }
        let told = Mutex<[String]>([])
        let store = try SQLiteStore(path: path) { line in told.withLock { $0.append(line) } }
        #expect(told.withLock { $0.last }?.hasSuffix(": 3 of 3 mails") == true, "\(told.withLock { $0 })")
        #expect(try store.receivedMessages(rowIDs: [1]).map(\.raw) == [waiting])
        #expect(try store.message(rowID: 2)?.raw == processed)
        #expect(try store.outboxRaw(id: 7) == queued)
        #expect(try store.claimDueOutbox(now: t0, limit: 5).map(\.raw) == [queued])
        let columns = try store.pool.read { db in
            (try db.columns(in: "message").map(\.name), try db.columns(in: "outbox").map(\.name))
        }
        #expect(!columns.0.contains("raw") && !columns.1.contains("raw"))
        // `mailroom migrate-store` still copies them as the rows' `raw` column.
        for (name, id, raw) in [("message", Int64(2), processed), ("outbox", 7, queued)] {
            let table = try #require(StoreTable.all.first { $0.name == name })
            let index = try #require(table.columns.firstIndex { $0.name == "raw" })
            var exported: [[StoreValue]] = []
            try store.export(table, pageSize: 10) { exported += $0 }
            #expect(exported.first { $0[0] == .integer(id) }?[index] == .blob(raw), "\(name)")
        }
    }
}
