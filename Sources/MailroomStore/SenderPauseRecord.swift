import Foundation
import GRDB

/// A pause on automatic mail to one address.
struct SenderPauseRecord: Codable, FetchableRecord, PersistableRecord, Sendable {
    static let databaseTableName = "senderPause"
    var address: String
    var until: Date
    var reason: String
    var createdAt: Date
}
