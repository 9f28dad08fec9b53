import Foundation
import GRDB

/// One automatic mail queued to an address (for the sliding windows).
struct AutomaticMailRecord: Codable, FetchableRecord, MutablePersistableRecord, Sendable {
    static let databaseTableName = "automaticMail"
    var id: Int64?
    var address: String
    var queuedAt: Date
}
