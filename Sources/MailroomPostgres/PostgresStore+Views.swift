import Foundation
import MailroomStore
import PostgresNIO

extension PostgresStore {
    /// How many stored messages wait to be processed.
    public func receivedCount() throws -> Int {
        try connections.read { session in
            Int(try session.scalar("SELECT count(*) FROM message WHERE state = 'received'", as: Int64.self) ?? 0)
        }
    }

    /// The audit trail of one message, oldest first.
    public func messageEvents(rowID: Int64) throws -> [EventSummary] {
        try connections.read { session in
            try session.query("SELECT at, type, reason, detail FROM event WHERE messageId = \(rowID) ORDER BY id").map {
                EventSummary(
                    at: try $0.required(0), type: try $0.required(1), reason: try $0.value(2),
                    detail: try $0.required(3))
            }
        }
    }
}
