import GRDB

/// CHECK constraints that list values (`"state" IN ('queued', 'sending', ...)`) rewritten as comparisons joined by
/// OR (`("state" = 'queued' OR "state" = 'sending' OR ...)`). They allow and refuse the same values, but SQLite
/// builds a temporary B-tree of a constant list of more than two values every time it checks one: on every
/// INSERT, and on every UPDATE of the column. That was ten temporary B-trees a mail (with the outbox claim's two),
/// 5% of the instructions of a Maildir run (callgrind).
///
/// The text of the tables' definitions is edited in place, as SQLite's documentation of ALTER TABLE describes for
/// a change that leaves what is stored as it is: in the migration's transaction, with `writable_schema`, then the
/// schema version raised so that every connection reads the definitions again. No row is copied, so a store of
/// any size migrates at once. Tables made later with GRDB's `.check { [...].contains($0) }` get an `IN` list
/// again; `StoreTemporaryTableTests` would fail.
enum MigrationsChecks {
    static func migrate(_ db: Database) throws {
        var edits: [(name: String, sql: String)] = []
        for row in try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'table'") {
            guard let sql = row["sql"] as String? else { continue }
            let rewritten = rewrite(sql)
            if rewritten != sql { edits.append((row["name"], rewritten)) }
        }
        guard !edits.isEmpty else { return }
        let version = try Int.fetchOne(db, sql: "PRAGMA schema_version") ?? 0
        try db.execute(sql: "PRAGMA writable_schema = ON")
        for edit in edits {
            try db.execute(
                sql: "UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?",
                arguments: [edit.sql, edit.name])
        }
        try db.execute(sql: "PRAGMA schema_version = \(version + 1)")
        // Off, and this connection reads the definitions again.
        try db.execute(sql: "PRAGMA writable_schema = RESET")
        db.clearSchemaCache()
    }

    /// `sql` with each `"column" IN ('a', 'b', ...)` (the form GRDB writes) replaced by
    /// `("column" = 'a' OR "column" = 'b' OR ...)`; anything else is kept as it is.
    static func rewrite(_ sql: String) -> String {
        let list = #/"(?<column>[A-Za-z_][A-Za-z0-9_]*)" IN \((?<values>'(?:[^']|'')*'(?:, '(?:[^']|'')*')*)\)/#
        return sql.replacing(list) { match in
            let column = match.output.column
            let comparisons = match.output.values.matches(of: #/'(?:[^']|'')*'/#).map { "\"\(column)\" = \($0.output)" }
            return "(" + comparisons.joined(separator: " OR ") + ")"
        }
    }
}
