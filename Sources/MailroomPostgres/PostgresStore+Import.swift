import Foundation
import MailroomStore
import NIOCore
import PostgresNIO

/// `mailroom migrate-store`: an SQLite store copied into an empty PostgreSQL store.
extension PostgresStore {
    /// What a copy did.
    public struct ImportReport: Sendable {
        /// Each table's rows in the SQLite store and in the PostgreSQL store after the copy, in copy order.
        public var tables: [(table: String, source: Int, copied: Int)]
        /// Whether every count matches.
        public var verified: Bool { tables.allSatisfy { $0.source == $0.copied } }
    }

    /// Copies every table of `source` into this store, which must be empty, in ONE transaction: the identities
    /// are kept (so every reference holds), the identity sequences moved past them, the ticket search rebuilt
    /// from the SQLite store's, and the counts compared before the commit. A mismatch rolls everything back.
    /// `progress` is called with the table, the rows copied so far and its total.
    /// - Throws: ``StoreError`` when this store is not empty, or a copy or the check fails.
    public func importStore(
        from source: SQLiteStore, progress: (_ table: String, _ copied: Int, _ total: Int) -> Void = { _, _, _ in }
    ) throws -> ImportReport {
        let sourceCounts = try source.tableCounts()
        let totals = Dictionary(uniqueKeysWithValues: sourceCounts.map { ($0.table, $0.rows) })
        return try connections.transaction(retrying: { _ in false }) { session in
            try session.execute("LOCK TABLE mailbox, ticket, message, outbox IN EXCLUSIVE MODE")
            for table in StoreTable.all {
                let rows =
                    try session.scalar(
                        PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table.name)"), as: Int64.self) ?? 0
                guard rows == 0 else {
                    throw StoreError.conflict(
                        "the PostgreSQL store \(location) is not empty (\(table.name) has \(rows) rows); "
                            + "migrate-store copies into an empty database only")
                }
            }
            for table in StoreTable.all {
                var copied = 0
                let total = totals[table.name] ?? 0
                progress(table.name, 0, total)
                try source.export(table, pageSize: 500) { rows in
                    for batch in Self.batches(rows, columns: table.columns.count) {
                        try Self.insert(batch, into: table, session)
                    }
                    copied += rows.count
                    progress(table.name, copied, total)
                }
                if table.hasID {
                    try session.execute(
                        PostgresQuery(
                            unsafeSQL: """
                                SELECT setval(pg_get_serial_sequence('\(table.name)', 'id'),
                                  COALESCE((SELECT max(id) FROM \(table.name)), 0) + 1, false)
                                """))
                }
            }
            try source.exportSearch(pageSize: 500) { rows in
                for row in rows {
                    let head = PostgresTickets.searchWords(row.subject + " " + row.customer)
                    let body = PostgresTickets.searchWords(row.body)
                    try session.execute(
                        """
                        UPDATE ticket SET searchBody = \(body), search = to_tsvector('simple', \(head) || ' ' || \(body))
                        WHERE id = \(row.ticketID)
                        """)
                }
            }
            var report = ImportReport(tables: [])
            for count in sourceCounts {
                let copied =
                    try session.scalar(
                        PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(count.table)"), as: Int64.self) ?? 0
                report.tables.append((count.table, count.rows, Int(copied)))
            }
            guard report.verified else {
                let wrong = report.tables.filter { $0.source != $0.copied }
                    .map { "\($0.table): \($0.source) in SQLite, \($0.copied) copied" }.joined(separator: "; ")
                throw StoreError.database("the copy does not match the source, nothing was kept: \(wrong)")
            }
            return report
        }
    }

    /// `rows` in groups small enough for one statement: at most 65,535 parameters and about 16 MB of values.
    private static func batches(_ rows: [[StoreValue]], columns: Int) -> [[[StoreValue]]] {
        var batches: [[[StoreValue]]] = []
        var current: [[StoreValue]] = []
        var bytes = 0
        for row in rows {
            let size = row.reduce(0) { total, value in
                switch value {
                case .blob(let bytes): total + bytes.count
                case .text(let text): total + text.utf8.count
                default: total + 8
                }
            }
            if !current.isEmpty, (current.count + 1) * columns > 60_000 || bytes + size > 16 << 20 {
                batches.append(current)
                current = []
                bytes = 0
            }
            current.append(row)
            bytes += size
        }
        if !current.isEmpty { batches.append(current) }
        return batches
    }

    private static func insert(_ rows: [[StoreValue]], into table: StoreTable, _ session: PostgresSession) throws {
        var bindings = PostgresBindings(capacity: rows.count * table.columns.count)
        var tuples: [String] = []
        for row in rows {
            var marks: [String] = []
            for (value, column) in zip(row, table.columns) {
                bind(value, as: column.kind, &bindings)
                marks.append("$\(bindings.count)")
            }
            tuples.append("(" + marks.joined(separator: ", ") + ")")
        }
        let names = table.columns.map(\.name).joined(separator: ", ")
        let identity = table.hasID ? " OVERRIDING SYSTEM VALUE" : ""
        try session.execute(
            PostgresQuery(
                unsafeSQL: "INSERT INTO \(table.name) (\(names))\(identity) VALUES " + tuples.joined(separator: ", "),
                binds: bindings))
    }

    private static func bind(_ value: StoreValue, as kind: StoreTable.Kind, _ bindings: inout PostgresBindings) {
        switch value {
        case .null:
            switch kind {
            case .integer: bindings.append(Int64?.none)
            case .real: bindings.append(Double?.none)
            case .text: bindings.append(String?.none)
            case .blob: bindings.append(ByteBuffer?.none)
            case .date: bindings.append(Date?.none)
            case .bool: bindings.append(Bool?.none)
            }
        case .integer(let number): bindings.append(number)
        case .real(let number): bindings.append(number)
        case .text(let text): bindings.append(text)
        case .blob(let bytes): bindings.append(ByteBuffer(bytes: bytes))
        case .date(let date): bindings.append(date)
        case .bool(let flag): bindings.append(flag)
        }
    }
}
