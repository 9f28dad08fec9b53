import GRDB

/// The schema every migration makes, as the statements that create it in one step: a new store is created from
/// it and its migrations recorded as applied, instead of running them one by one (table rebuilds, column
/// additions and an in-place edit of the schema, each making SQLite parse the whole schema again: 125 M
/// instructions, about 40 ms, at the start of every new store, before anything could be stored). A store that
/// is not empty is migrated as before. `SchemaSnapshotTests` checks that the snapshot is what the migrations make
/// (and writes the new `SchemaSnapshot+Statements.swift` when a migration is added).
enum SchemaSnapshot {
    /// The statements that create the schema of `db`, as SQLite keeps them: tables first, then indexes, triggers
    /// and views, each in the order made; without SQLite's own tables, automatic indexes and the shadow tables a
    /// virtual table makes for itself.
    static func statements(of db: Database) throws -> [String] {
        let shadows = Set(
            try Row.fetchAll(db, sql: "PRAGMA table_list").filter { ($0["type"] as String?) == "shadow" }
                .map { $0["name"] as String })
        return try Row.fetchAll(
            db,
            sql: """
                SELECT name, sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'
                ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 WHEN 'trigger' THEN 2 ELSE 3 END, rowid
                """
        ).filter { !shadows.contains($0["name"]) }.map { $0["sql"] }
    }

    /// Creates the schema and records ``migrations`` as applied when `db` is empty (nothing in its schema).
    static func createIfEmpty(_ db: Database) throws {
        guard try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_schema") == 0 else { return }
        for statement in statements { try db.execute(sql: statement) }
        let applied = try db.makeStatement(sql: "INSERT INTO grdb_migrations (identifier) VALUES (?)")
        for migration in migrations { try applied.execute(arguments: [migration]) }
    }
}
