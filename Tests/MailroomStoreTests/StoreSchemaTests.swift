import Foundation
import GRDB
import Testing

@testable import MailroomStore

@Suite struct StoreSchemaTests {
    @Test func migratesFromEmptyAndUsesWAL() throws {
        let database = try TemporaryDatabase()
        #expect(
            try database.store.appliedMigrations() == [
                "v1-initial-schema", "v2-trust", "v3-http", "v4-kpis", "v5-mailbox-leases", "v6-mail-bytes-apart",
                "v7-checks-without-temporary-tables", "v8-event-type-index-for-types-read-by-time",
            ])
        #expect(try database.store.journalMode() == "wal")
        #expect(FileManager.default.fileExists(atPath: database.path + "-wal"))
    }

    /// A commit is on the disk when it returns (the log is synced: synchronous = FULL), also after a reopen. With
    /// NORMAL, which GRDB sets on a pool's writer, a commit can be lost to a power cut or a system crash after the
    /// mail it stored was moved on the server, or after the mail it recorded as sent was handed over.
    @Test func everyCommitIsSyncedToTheDisk() throws {
        let database = try TemporaryDatabase()
        #expect(try database.store.pool.write { try Int.fetchOne($0, sql: "PRAGMA synchronous") } == 2)
        let reopened = try SQLiteStore(path: database.path)
        #expect(try reopened.pool.write { try Int.fetchOne($0, sql: "PRAGMA synchronous") } == 2)
    }

    @Test func reopeningKeepsDataAndAppliesNothingTwice() throws {
        let database = try TemporaryDatabase()
        _ = try database.store.ingest(IngestRequest(raw: mail("a1"), source: "test", receivedAt: t0))
        let reopened = try SQLiteStore(path: database.path)
        #expect(
            try reopened.appliedMigrations() == [
                "v1-initial-schema", "v2-trust", "v3-http", "v4-kpis", "v5-mailbox-leases", "v6-mail-bytes-apart",
                "v7-checks-without-temporary-tables", "v8-event-type-index-for-types-read-by-time",
            ])
        #expect(try reopened.receivedCount() == 1)
    }

    @Test func unwritableLocationIsAClearError() {
        #expect(throws: StoreError.self) { try SQLiteStore(path: "/proc/mailroom/nope.sqlite") }
    }
}
