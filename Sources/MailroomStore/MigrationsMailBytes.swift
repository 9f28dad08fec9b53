import GRDB

/// The bytes of every mail in a table of their own, one row per mail, written once and never again: `messageRaw`
/// (by `message.id`) and `outboxRaw` (by `outbox.id`). SQLite writes a whole row again, its overflow pages included,
/// whenever an update changes the row's length, and the rows of `message` and `outbox` are updated after they are
/// written: processing marks a message processed, and every send attempt claims and then records its outgoing mail.
/// With the bytes in those rows, a 1 MB mail that was escalated went through the log about four times
/// (bench/store-writes: 3.2x the bytes of the mails in and out).
enum MigrationsMailBytes {
    /// The tables that keep the bytes: (the table whose rows they belong to, the bytes' table, its key).
    static let tables = [("message", "messageRaw", "messageId"), ("outbox", "outboxRaw", "outboxId")]

    static func migrate(_ db: Database) throws {
        for (table, bytes, key) in tables {
            try db.create(table: bytes) { t in
                t.primaryKey(key, .integer).references(table, onDelete: .cascade)
                t.column("raw", .blob).notNull()
            }
            try db.execute(sql: "INSERT INTO \(bytes) (\(key), raw) SELECT id, raw FROM \(table) ORDER BY id")
            try db.execute(sql: "ALTER TABLE \(table) DROP COLUMN raw")
        }
    }
}
