import Foundation
import GRDB

/// A pause on automatic mail to one address.
struct SenderPauseRecord: Codable, Equatable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "senderPause"
    var address: String
    var until: Date
    var reason: String
    var createdAt: Date

    /// Written column by column (no `Encodable` round trip, dates without a `DateFormatter`); `StoreRecordTests`
    /// checks that every column of the table is written and reads back equal.
    func encode(to container: inout PersistenceContainer) throws {
        container["address"] = address
        container["until"] = StoredDate.value(until)
        container["reason"] = reason
        container["createdAt"] = StoredDate.value(createdAt)
    }
}
