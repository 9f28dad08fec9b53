import Foundation
import GRDB

/// One time an address hit the hourly limit (for the flood cool-down).
struct RateLimitHitRecord: Codable, Equatable, FetchableRecord, MutablePersistableRecord, Sendable {
    static let databaseTableName = "rateLimitHit"
    var id: Int64?
    var address: String
    var at: Date

    /// Written column by column (no `Encodable` round trip, dates without a `DateFormatter`); `StoreRecordTests`
    /// checks that every column of the table is written and reads back equal.
    func encode(to container: inout PersistenceContainer) throws {
        container["id"] = id
        container["address"] = address
        container["at"] = StoredDate.value(at)
    }
}
