import Foundation
import GRDB

extension SQLiteStore {
    /// Calls `each` with the rows of `table` in pages of at most `pageSize` rows (by id, or all at once for the
    /// small tables without one), in one read transaction: a consistent copy while nothing else writes. The bytes
    /// of a message or an outgoing mail, kept apart here (``MailBytes``), are read as the row's `raw` column.
    package func export(_ table: StoreTable, pageSize: Int, _ each: ([[StoreValue]]) throws -> Void) throws {
        let owner: MailBytes.Owner? =
            switch table.name {
            case "message": .message
            case "outbox": .outbox
            default: nil
            }
        let columns = table.columns.map { column in
            if column.name == "raw", let owner { return MailBytes.column(owner, of: "\"\(table.name)\"") }
            return "\"\(column.name)\""
        }.joined(separator: ", ")
        try StoreError.wrapping {
            try pool.read { db in
                var after: Int64 = .min
                while true {
                    let rows =
                        table.hasID
                        ? try Row.fetchAll(
                            db, sql: "SELECT \(columns) FROM \"\(table.name)\" WHERE id > ? ORDER BY id LIMIT ?",
                            arguments: [after, pageSize])
                        : try Row.fetchAll(db, sql: "SELECT \(columns) FROM \"\(table.name)\"")
                    if rows.isEmpty { return }
                    try each(
                        rows.map { row in table.columns.indices.map { Self.value(row, $0, table.columns[$0].kind) } })
                    guard table.hasID, rows.count == pageSize, let last: Int64 = rows.last?[0] else { return }
                    after = last
                }
            }
        }
    }

    private static func value(_ row: Row, _ index: Int, _ kind: StoreTable.Kind) -> StoreValue {
        if row.hasNull(atIndex: index) { return .null }
        switch kind {
        case .integer:
            let number: Int64? = row[index]
            return number.map(StoreValue.integer) ?? .null
        case .real:
            let number: Double? = row[index]
            return number.map(StoreValue.real) ?? .null
        case .text:
            let text: String? = row[index]
            return text.map(StoreValue.text) ?? .null
        case .blob:
            let data: Data? = row[index]
            return data.map { .blob([UInt8]($0)) } ?? .null
        case .date:
            let date: Date? = row[index]
            return date.map(StoreValue.date) ?? .null
        case .bool:
            let flag: Bool? = row[index]
            return flag.map(StoreValue.bool) ?? .null
        }
    }

    /// The ticket search rows (FTS5), in pages by ticket id.
    package func exportSearch(pageSize: Int, _ each: ([StoreSearchRow]) throws -> Void) throws {
        try StoreError.wrapping {
            try pool.read { db in
                var after: Int64 = .min
                while true {
                    let rows = try Row.fetchAll(
                        db,
                        sql: """
                            SELECT rowid, subject, customer, body FROM ticketSearch WHERE rowid > ? ORDER BY rowid
                            LIMIT ?
                            """, arguments: [after, pageSize])
                    if rows.isEmpty { return }
                    try each(
                        rows.map {
                            StoreSearchRow(
                                ticketID: $0[0], subject: $0[1] ?? "", customer: $0[2] ?? "", body: $0[3] ?? "")
                        })
                    guard rows.count == pageSize, let last: Int64 = rows.last?[0] else { return }
                    after = last
                }
            }
        }
    }

    /// How many rows each table holds.
    package func tableCounts() throws -> [StoreTableCount] {
        try StoreError.wrapping {
            try pool.read { db in
                try StoreTable.all.map { table in
                    StoreTableCount(
                        table: table.name,
                        rows: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \"\(table.name)\"") ?? 0)
                }
            }
        }
    }
}
