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
    /// `("column" = 'a' OR "column" = 'b' OR ...)`; anything else is kept as it is. Read by hand: a Swift `Regex`
    /// took 60 M instructions here, at every start of a new store.
    static func rewrite(_ sql: String) -> String {
        let marker = "\" IN ("
        var output = ""
        var rest = Substring(sql)
        while let found = rest.range(of: marker) {
            let head = rest[..<found.lowerBound]
            let open = head.lastIndex(of: "\"")
            let column = open.map { head[head.index(after: $0)...] } ?? ""
            guard let open, isName(column), let (values, end) = literals(rest[found.upperBound...]) else {
                output += rest[..<found.upperBound]
                rest = rest[found.upperBound...]
                continue
            }
            output += rest[..<open]
            output += "(" + values.map { "\"\(column)\" = \($0)" }.joined(separator: " OR ") + ")"
            rest = rest[end...]
        }
        return output + rest
    }

    /// Whether `text` is a plain column name (what GRDB quotes): ASCII letters, digits and `_`, not starting
    /// with a digit.
    private static func isName(_ text: Substring) -> Bool {
        guard let first = text.utf8.first, !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else {
            return false
        }
        return text.utf8.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"):
                true
            default: false
            }
        }
    }

    /// The quoted literals of a list `'a', 'b')` (as written, quotes kept) and the index after its `)`; nil when
    /// `text` does not start with such a list.
    private static func literals(_ text: Substring) -> ([Substring], Substring.Index)? {
        var values: [Substring] = []
        var index = text.startIndex
        while true {
            guard index < text.endIndex, text[index] == "'" else { return nil }
            var close = text.index(after: index)
            while true {
                guard let quote = text[close...].firstIndex(of: "'") else { return nil }
                let after = text.index(after: quote)
                if after < text.endIndex, text[after] == "'" {  // '' is a quote inside the literal
                    close = text.index(after: after)
                    continue
                }
                values.append(text[index..<after])
                index = after
                break
            }
            if text[index...].hasPrefix(")") { return (values, text.index(after: index)) }
            guard text[index...].hasPrefix(", ") else { return nil }
            index = text.index(index, offsetBy: 2)
        }
    }
}
