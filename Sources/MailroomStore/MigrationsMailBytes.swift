import GRDB

/// The bytes of every mail in a table of their own, one row per mail, written once and never again: `messageRaw`
/// (by `message.id`) and `outboxRaw` (by `outbox.id`). SQLite writes a whole row again, its overflow pages included,
/// whenever an update changes the row's length, and the rows of `message` and `outbox` are updated after they are
/// written: processing marks a message processed, and every send attempt claims and then records its outgoing mail.
/// With the bytes in those rows, mails with a 1 MB attachment went through the log 3.2 times over
/// (bench/store-writes).
enum MigrationsMailBytes {
    /// The tables that keep the bytes: (the table whose rows they belong to, the bytes' table, its key).
    static let tables = [("message", "messageRaw", "messageId"), ("outbox", "outboxRaw", "outboxId")]

    /// Rows moved per step (each step reports progress).
    static let step = 100

    /// Moves the bytes in steps of ``step`` rows, telling `progress` how far it is ("N of M mails"). Each step
    /// also empties the old column, so the last statement, which drops it, rewrites only short rows.
    static func migrate(_ db: Database, progress: MigrationProgress?) throws {
        var total = 0
        for (table, bytes, key) in tables {
            try db.create(table: bytes) { t in
                t.primaryKey(key, .integer).references(table, onDelete: .cascade)
                t.column("raw", .blob).notNull()
            }
            total += try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0
        }
        var moved = 0
        for (table, bytes, key) in tables {
            var after: Int64 = 0
            while let last = try Int64.fetchOne(
                db, sql: "SELECT MAX(id) FROM (SELECT id FROM \(table) WHERE id > ? ORDER BY id LIMIT ?)",
                arguments: [after, step])
            {
                let range: StatementArguments = [after, last]
                try db.execute(
                    sql: "INSERT INTO \(bytes) (\(key), raw) SELECT id, raw FROM \(table) WHERE id > ? AND id <= ?",
                    arguments: range)
                try db.execute(sql: "UPDATE \(table) SET raw = X'' WHERE id > ? AND id <= ?", arguments: range)
                moved += db.changesCount
                progress?("moving the bytes of each mail into a table of their own: \(moved) of \(total) mails")
                after = last
            }
            try db.execute(sql: "ALTER TABLE \(table) DROP COLUMN raw")
        }
    }
}

/// Told how far a long migration is, in words for a person (`mailroom` shows it on a terminal).
public typealias MigrationProgress = @Sendable (String) -> Void
