import Foundation
import GRDB

/// One automatic mail queued to an address (for the sliding windows).
struct AutomaticMailRecord: Codable, Equatable, FetchableRecord, ColumnRecord, Sendable {
    static let databaseTableName = "automaticMail"
    var id: Int64?
    var address: String
    var queuedAt: Date

    /// Every column but `id`, in order (``ColumnRecord``); `StoreRecordTests` checks that every column of the
    /// table is written and reads back equal. Dates are written without a `DateFormatter` (``StoredDate``).
    static let writtenColumns = ["address", "queuedAt"]

    var writtenValues: [(any DatabaseValueConvertible)?] {
        [address, StoredDate.value(queuedAt)]
    }

    static let insertSQL = makeInsertSQL(writtenColumns)
    static let updateSQL = makeUpdateSQL(writtenColumns)
}
