import Foundation
import GRDB
import MailroomCore
import Testing

@testable import MailroomStore

/// What runs for every mail builds no temporary B-tree. SQLite builds one for a constant `IN` list of more than
/// two values in a CHECK constraint, on every INSERT and on every UPDATE of the column, and one for each sorted
/// branch of a compound query: callgrind counted ten of them a mail, 5% of a Maildir run's instructions.
@Suite struct StoreTemporaryTableTests {
    /// The temporary B-trees (`OpenEphemeral`) and sorters (`SorterOpen`) in the program of `sql`.
    static func temporaryTables(_ db: Database, _ sql: String) throws -> Int {
        let arguments = StatementArguments(Array(repeating: DatabaseValue.null, count: sql.count { $0 == "?" }))
        return try Row.fetchAll(db, sql: "EXPLAIN \(sql)", arguments: arguments)
            .count { ["OpenEphemeral", "SorterOpen"].contains($0["opcode"] as String) }
    }

    /// The statements among every table's INSERT of all its columns and UPDATE of each column that build one
    /// (the search index's own tables, which SQLite writes itself, left out).
    static func writesWithTemporaryTables(_ db: Database) throws -> [String] {
        let names = try String.fetchAll(
            db,
            sql: """
                SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%'
                  AND name NOT LIKE 'sqlite%' AND name NOT LIKE 'search%' ORDER BY name
                """)
        var found: [String] = []
        for name in names {
            let columns = try db.columns(in: name).map { "\"\($0.name)\"" }
            let insert =
                "INSERT INTO \"\(name)\" (\(columns.joined(separator: ", "))) VALUES "
                + "(\(columns.map { _ in "?" }.joined(separator: ", ")))"
            if try temporaryTables(db, insert) > 0 { found.append("INSERT INTO \(name)") }
            let key = try db.primaryKey(name).columns.map { "\"\($0)\" = ?" }.joined(separator: " AND ")
            for column in columns
            where try temporaryTables(db, "UPDATE \"\(name)\" SET \(column) = ? WHERE \(key)") > 0 {
                found.append("UPDATE \(name) SET \(column)")
            }
        }
        return found
    }

    /// Every CHECK constraint that lists values: "table.column" to the values it allows, read from the schema's
    /// text (whatever form the list has).
    static func checkedValues(_ db: Database) throws -> [String: [String]] {
        var lists: [String: [String]] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'table'") {
            let table: String = row["name"]
            var rest = Substring((row["sql"] as String?) ?? "")
            while let start = rest.range(of: "CHECK (") {
                var depth = 1
                var end = start.upperBound
                while end < rest.endIndex, depth > 0 {
                    if rest[end] == "(" { depth += 1 } else if rest[end] == ")" { depth -= 1 }
                    end = rest.index(after: end)
                }
                let check = rest[start.upperBound..<end]
                let column = check.split(separator: "\"", omittingEmptySubsequences: false).dropFirst().first
                let values = check.split(separator: "'", omittingEmptySubsequences: false).enumerated()
                    .filter { $0.offset % 2 == 1 }.map { String($0.element) }
                if let column, !values.isEmpty { lists["\(table).\(column)", default: []] += values }
                rest = rest[end...]
            }
        }
        return lists
    }

    @Test func aListBecomesComparisonsAndAnythingElseStays() {
        #expect(
            MigrationsChecks.rewrite(#"CREATE TABLE "t" ("a" TEXT CHECK ("a" IN ('x', 'it''s', 'z')), "b" INT)"#)
                == #"CREATE TABLE "t" ("a" TEXT CHECK (("a" = 'x' OR "a" = 'it''s' OR "a" = 'z')), "b" INT)"#)
        #expect(
            MigrationsChecks.rewrite(#"CHECK ("a" IN ('x')) CHECK ("b" IN ('y', 'z'))"#)
                == #"CHECK (("a" = 'x')) CHECK (("b" = 'y' OR "b" = 'z'))"#)
        for kept in [
            #"CHECK ("a" IN (1, 2, 3))"#, #"CHECK ("a" IN (SELECT x FROM y))"#, #"CHECK ("a b" IN ('x', 'y'))"#,
            #"CHECK ("a" IN ('x', 'y'"#, #"CHECK ("rating" >= 1 AND "rating" <= 5)"#, "",
        ] {
            #expect(MigrationsChecks.rewrite(kept) == kept)
        }
    }

    @Test func claimingTheNextDueMailBuildsNoTemporaryTable() throws {
        let database = try TemporaryDatabase()
        #expect(try database.store.pool.read { try Self.temporaryTables($0, SQLiteStore.claimSQL) } == 0)
    }

    @Test func writingAnyColumnOfAnyTableBuildsNoTemporaryTable() throws {
        let database = try TemporaryDatabase()
        let found = try database.store.pool.write { try Self.writesWithTemporaryTables($0) }
        #expect(found.isEmpty, "\(found)")
    }

    /// Each listed value is still allowed, and a value outside the list refused, on a message, its ticket and its
    /// outgoing mail.
    @Test func everyCheckAllowsItsValuesAndRefusesOthers() throws {
        let database = try TemporaryDatabase()
        try processIntoOneMail(
            database.store, mail: "c1", ticket: "MR-CHECKS", status: .escalated, summary: .escalated,
            purpose: .escalation, messageID: "c1@shop.example")
        try database.store.pool.write { db in
            let lists = try Self.checkedValues(db)
            var tried: [String] = []
            for (key, values) in lists.sorted(by: { $0.key < $1.key }) {
                let parts = key.split(separator: ".")
                let (table, column) = (String(parts[0]), String(parts[1]))
                guard try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \"\(table)\"") == 1 else { continue }
                let update = "UPDATE \"\(table)\" SET \"\(column)\" = ?"
                try db.inSavepoint {
                    for value in values { try db.execute(sql: update, arguments: [value]) }
                    #expect(throws: DatabaseError.self, "\(key)") {
                        try db.execute(sql: update, arguments: ["nonsense"])
                    }
                    return .rollback
                }
                tried.append(key)
            }
            #expect(tried == ["message.direction", "message.state", "outbox.purpose", "outbox.state", "ticket.status"])
        }
    }

    /// A store made before the rewrite gets it: the same values allowed, no temporary table left, its rows kept,
    /// and a connection opened afterwards reads the new schema.
    @Test func aStoreFromBeforeIsRewrittenInPlace() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mailroom-checks-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("mailroom.sqlite").path
        let (before, writesBefore) = try { () throws -> ([String: [String]], [String]) in
            let queue = try DatabaseQueue(path: path)
            try Migrations.migrator.migrate(queue, upTo: "v6-mail-bytes-apart")
            return try queue.read { db in (try Self.checkedValues(db), try Self.writesWithTemporaryTables(db)) }
        }()
        #expect(before.count == 11)
        #expect(!writesBefore.isEmpty)
        _ = try SQLiteStore(path: path).ingest(IngestRequest(raw: mail("kept"), source: "test", receivedAt: t0))
        let store = try SQLiteStore(path: path)
        #expect(try store.appliedMigrations().contains("v7-checks-without-temporary-tables"))
        #expect(try store.receivedCount() == 1)
        let queue = try DatabaseQueue(path: path)
        let (after, writes, integrity) = try queue.read { db in
            (
                try Self.checkedValues(db), try Self.writesWithTemporaryTables(db),
                try String.fetchAll(db, sql: "PRAGMA integrity_check")
            )
        }
        #expect(after == before)
        #expect(writes == [])
        #expect(integrity == ["ok"])
    }
}
