import Foundation
import GRDB

/// A row read by position, for queries read on hot paths: GRDB's `Row` or the statement's current row.
protocol PositionalRow {
    /// The value at `index` as `row[index]` gives it for such a type: nil for NULL, SQLite's own conversion
    /// otherwise.
    func value<Value: DatabaseValueConvertible & StatementColumnConvertible>(_ index: Int, as type: Value.Type)
        -> Value?
    /// The date at `index`: nil for NULL or a value that is not a date.
    func date(_ index: Int) -> Date?
    /// The value at `index` as it is stored.
    func databaseValue(_ index: Int) -> DatabaseValue
}

extension Row: PositionalRow {
    func value<Value: DatabaseValueConvertible & StatementColumnConvertible>(_ index: Int, as type: Value.Type)
        -> Value?
    {
        self[index]
    }

    func date(_ index: Int) -> Date? {
        Date.fromDatabaseValue(self[index] as DatabaseValue)
    }

    func databaseValue(_ index: Int) -> DatabaseValue {
        self[index]
    }
}

/// The current row of a statement that has just stepped, read straight from SQLite.
///
/// `Row.fetchOne` makes a `RowCursor`, whose `Row` maps every column's lower-cased name to its index, then copies
/// the row, before one value is read: 30 K instructions a call for the 25 columns of a ticket's KPI facts, read
/// twice for each change of a ticket (``KPIRollup/tracking(_:publicID:into:_:)``). Read by position, none of that
/// is needed. Valid only inside ``first(_:arguments:_:)``'s closure.
struct SteppedRow: PositionalRow {
    let statement: SQLiteStatement

    func value<Value: DatabaseValueConvertible & StatementColumnConvertible>(_ index: Int, as type: Value.Type)
        -> Value?
    {
        Value.fromStatement(statement, atUncheckedIndex: CInt(index))
    }

    func date(_ index: Int) -> Date? {
        Date.fromDatabaseValue(databaseValue(index))
    }

    func databaseValue(_ index: Int) -> DatabaseValue {
        DatabaseValue(sqliteStatement: statement, index: CInt(index))
    }

    /// `read` of the first row `statement` gives with `arguments`, or nil when it gives none. The statement is
    /// then stepped to its end, whether `read` throws or not, so that it is not left running (meant for queries of
    /// one row, by id: one more step).
    static func first<T>(_ statement: Statement, arguments: StatementArguments, _ read: (SteppedRow) throws -> T)
        throws -> T?
    {
        let cursor = try RowsCursor(statement: statement, arguments: arguments)
        guard let row = try cursor.next() else { return nil }
        defer { while (try? cursor.next()) != nil {} }
        return try read(row)
    }

    /// A cursor that hands out the statement's current row itself (GRDB steps it).
    private final class RowsCursor: DatabaseCursor {
        typealias Element = SteppedRow
        let _statement: Statement
        var _isDone = false

        init(statement: Statement, arguments: StatementArguments) throws {
            _statement = statement
            try statement.setArguments(arguments)  // resets the statement, binds and checks the arguments
        }

        func _element(sqliteStatement: SQLiteStatement) throws -> SteppedRow {
            SteppedRow(statement: sqliteStatement)
        }
    }
}
