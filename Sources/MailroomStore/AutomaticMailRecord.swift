import Foundation
import GRDB

/// One automatic mail queued to an address (for the sliding windows).
struct AutomaticMailRecord: Codable, Equatable, FetchableRecord, MutablePersistableRecord, Sendable {
    static let databaseTableName = "automaticMail"
    var id: Int64?
    var address: String
    var queuedAt: Date

    /// Written column by column (no `Encodable` round trip, dates without a `DateFormatter`); `StoreRecordTests`
    /// checks that every column of the table is written and reads back equal.
    func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["address"] = address
        container["queuedAt"] = StoredDate.value(queuedAt)
    }
}
