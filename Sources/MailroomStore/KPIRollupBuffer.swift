import GRDB
import MailroomCore

/// The KPI rollup changes of one transaction, written once at its end (``flush(_:)``): the tickets of a batch of
/// messages move the same day's cells again and again, and each move was two upserts. The rollups only add, so
/// the sums written are exactly those of the moves one by one. Used by one transaction on one thread.
final class KPIRollupBuffer {
    private var days: [String: [KPICell: Double]] = [:]

    /// Adds `value` to a day's cell.
    func add(day: String, _ cell: KPICell, _ value: Double) {
        days[day, default: [:]][cell, default: 0] += value
    }

    /// Writes what was added to the days and their months (cells whose changes cancel out are left alone), and
    /// empties the buffer. Rows go out many to a statement (``upsert(_:_:_:)``).
    func flush(_ db: Database) throws {
        var dayRows: [Change] = []
        var months: [String: [KPICell: Double]] = [:]
        for (day, cells) in days {
            for (cell, value) in cells where value != 0 {
                dayRows.append(Change(period: day, cell: cell, value: value))
                months[String(day.prefix(7)), default: [:]][cell, default: 0] += value
            }
        }
        var monthRows: [Change] = []
        for (month, cells) in months {
            for (cell, value) in cells where value != 0 {
                monthRows.append(Change(period: month, cell: cell, value: value))
            }
        }
        try Self.upsert(db, .day, dayRows)
        try Self.upsert(db, .month, monthRows)
        days = [:]
    }

    /// One cell's change in a day or a month.
    struct Change {
        let period: String
        let cell: KPICell
        let value: Double
    }

    /// The two rollup tables.
    enum Table: String {
        case day = "kpiRollup"
        case month = "kpiRollupMonth"

        var periodColumn: String { self == .day ? "day" : "month" }
    }

    /// How many rows one statement adds: a batch is cut into these, largest first (13 rows: 8, 4, 1), so a
    /// handful of cached statements serve every size.
    static let chunkSizes = [32, 16, 8, 4, 2, 1]

    /// The upsert of `size` rows into `table` (one row per distinct cell: rows of one statement never meet).
    static func upsertSQL(_ table: Table, rows size: Int) -> String {
        let period = table.periodColumn
        return "INSERT INTO \(table.rawValue) (\(period), name, key, value) VALUES "
            + repeatElement("(?, ?, ?, ?)", count: size).joined(separator: ", ")
            + " ON CONFLICT (\(period), name, key) DO UPDATE SET value = value + excluded.value"
    }

    private static let statements: [Table: [Int: String]] = Dictionary(
        uniqueKeysWithValues: [Table.day, .month].map { table in
            (table, Dictionary(uniqueKeysWithValues: chunkSizes.map { ($0, upsertSQL(table, rows: $0)) }))
        })

    /// Adds `rows` (distinct cells) to `table`, up to 32 rows a statement: one upsert a row cost more in the
    /// statement's binding and stepping than in the rows themselves.
    static func upsert(_ db: Database, _ table: Table, _ rows: [Change]) throws {
        var start = 0
        for size in chunkSizes {
            while rows.count - start >= size {
                var arguments = StatementArguments()
                for row in rows[start..<(start + size)] {
                    arguments += [row.period, row.cell.name, row.cell.key, row.value]
                }
                try db.cachedStatement(sql: statements[table]![size]!).execute(arguments: arguments)
                start += size
            }
        }
    }
}
