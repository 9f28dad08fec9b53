import Foundation
import Testing

@testable import MailroomStore

@Suite struct StoreSchemaTests {
    @Test func migratesFromEmptyAndUsesWAL() throws {
        let database = try TemporaryDatabase()
        #expect(
            try database.store.appliedMigrations() == [
                "v1-initial-schema", "v2-trust", "v3-http", "v4-kpis", "v5-mailbox-leases",
            ])
        #expect(try database.store.journalMode() == "wal")
        #expect(FileManager.default.fileExists(atPath: database.path + "-wal"))
    }

    @Test func reopeningKeepsDataAndAppliesNothingTwice() throws {
        let database = try TemporaryDatabase()
        _ = try database.store.ingest(IngestRequest(raw: mail("a1"), source: "test", receivedAt: t0))
        let reopened = try SQLiteStore(path: database.path)
        #expect(
            try reopened.appliedMigrations() == [
                "v1-initial-schema", "v2-trust", "v3-http", "v4-kpis", "v5-mailbox-leases",
            ])
        #expect(try reopened.receivedCount() == 1)
    }

    @Test func unwritableLocationIsAClearError() {
        #expect(throws: StoreError.self) { try SQLiteStore(path: "/proc/mailroom/nope.sqlite") }
    }
}
