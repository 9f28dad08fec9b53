import Foundation
import GRDB

/// One time an address hit the hourly limit (for the flood cool-down).
struct RateLimitHitRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    static let databaseTableName = "rateLimitHit"
    var id: Int64?
    var address: String
    var at: Date
}
