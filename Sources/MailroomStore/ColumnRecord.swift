import GRDB

/// A record whose columns are listed once, in order, with its values in the same order: GRDB's `encode(to:)` is
/// made from them, and the hot paths insert and update with one cached statement and positional arguments.
/// GRDB's own record insert builds a dictionary of the values by case-insensitive name and a statement for it
/// each time, which took 2% of the gateway's CPU for the message, ticket and outbox rows.
protocol ColumnRecord: MutablePersistableRecord {
    /// The row id (nil before the insert).
    var id: Int64? { get set }
    /// Every column but `id`, in order.
    static var writtenColumns: [String] { get }
    /// The values of ``writtenColumns``, in the same order.
    var writtenValues: [(any DatabaseValueConvertible)?] { get }
    /// ``makeInsertSQL(_:)`` of this table, made once.
    static var insertSQL: String { get }
    /// ``makeUpdateSQL(_:)`` of this table, made once.
    static var updateSQL: String { get }
}

extension ColumnRecord {
    func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        for (column, value) in zip(Self.writtenColumns, writtenValues) { container[column] = value }
    }

    /// `INSERT INTO table (columns) VALUES (?, ...)`.
    static func makeInsertSQL(_ columns: [String]) -> String {
        let names = columns.map { $0.quotedDatabaseIdentifier }.joined(separator: ", ")
        return "INSERT INTO \(databaseTableName.quotedDatabaseIdentifier) (\(names)) VALUES ("
            + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
    }

    /// `UPDATE table SET column = ?, ... WHERE id = ?`.
    static func makeUpdateSQL(_ columns: [String]) -> String {
        "UPDATE \(databaseTableName.quotedDatabaseIdentifier) SET "
            + columns.map { "\($0.quotedDatabaseIdentifier) = ?" }.joined(separator: ", ") + " WHERE id = ?"
    }

    /// Inserts the row (its id assigned by the database) with the table's cached statement; sets ``id``.
    mutating func insertRow(_ db: Database) throws {
        try db.cachedStatement(sql: Self.insertSQL).execute(arguments: StatementArguments(writtenValues))
        id = db.lastInsertedRowID
    }

    /// Writes every column of the row with id ``id`` with the table's cached statement.
    func updateRow(_ db: Database) throws {
        guard let id else { throw StoreError.missingRow("\(Self.databaseTableName) without an id") }
        try db.cachedStatement(sql: Self.updateSQL).execute(arguments: StatementArguments(writtenValues + [id]))
        guard db.changesCount > 0 else { throw StoreError.missingRow("\(Self.databaseTableName) \(id)") }
    }
}
