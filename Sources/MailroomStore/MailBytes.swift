import Foundation
import GRDB

/// The bytes of a mail, kept apart from its row and written once (``MigrationsMailBytes``): `messageRaw` for a
/// stored message, `outboxRaw` for an outgoing one, each keyed by its row's id.
enum MailBytes {
    /// Which row the bytes belong to.
    enum Owner {
        case message, outbox

        /// `(table, key)` of its bytes.
        var table: (name: String, key: String) {
            switch self {
            case .message: ("messageRaw", "messageId")
            case .outbox: ("outboxRaw", "outboxId")
            }
        }
    }

    /// Writes the bytes of row `id`.
    static func insert(_ db: Database, _ owner: Owner, id: Int64, _ raw: Data) throws {
        let (table, key) = owner.table
        try db.cachedStatement(sql: "INSERT INTO \(table) (\(key), raw) VALUES (?, ?)").execute(arguments: [id, raw])
    }

    /// The bytes of row `id` (nil when there is no such row).
    static func fetch(_ db: Database, _ owner: Owner, id: Int64) throws -> [UInt8]? {
        let (table, key) = owner.table
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT raw FROM \(table) WHERE \(key) = ?"), arguments: [id])
        else { return nil }
        return try row.withUnsafeData(atIndex: 0) { $0.map { [UInt8]($0) } ?? [] }
    }

    /// An SQL expression for the bytes of the `owner` row of table `alias` (`message` or `outbox`), as a column.
    static func column(_ owner: Owner, of alias: String) -> String {
        let (table, key) = owner.table
        return "(SELECT raw FROM \(table) WHERE \(table).\(key) = \(alias).id)"
    }
}
