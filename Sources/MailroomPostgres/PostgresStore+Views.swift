import Foundation
import MailroomCore
import MailroomStore
import PostgresNIO

extension PostgresStore {
    /// How many stored messages wait to be processed.
    public func receivedCount() throws -> Int {
        try connections.read { session in
            Int(try session.scalar("SELECT count(*) FROM message WHERE state = 'received'", as: Int64.self) ?? 0)
        }
    }

    /// An event from a row of `at, type, reason, detail`.
    static func eventSummary(_ row: PostgresRow) throws -> EventSummary {
        EventSummary(
            at: try row.required(0), type: try row.required(1), reason: try row.value(2), detail: try row.required(3))
    }

    /// The audit trail of one message, oldest first.
    public func messageEvents(rowID: Int64) throws -> [EventSummary] {
        try connections.read { session in
            try session.query("SELECT at, type, reason, detail FROM event WHERE messageId = \(rowID) ORDER BY id").map(
                Self.eventSummary)
        }
    }
}

extension PostgresStore {
    /// The ticket with this public id.
    public func ticket(publicID: String) throws -> Ticket? {
        try connections.read { session in
            try session.query(
                PostgresQuery(
                    unsafeSQL: "SELECT \(PostgresTickets.columns) FROM ticket t WHERE t.publicId = $1",
                    binds: try PostgresLookup.binds(publicID))
            ).first.map(PostgresTickets.ticket)
        }
    }

    /// The audit trail of one ticket, oldest first.
    public func events(ticket publicID: String) throws -> [EventSummary] {
        try connections.read { session in
            try session.query(
                """
                SELECT e.at, e.type, e.reason, e.detail FROM event e JOIN ticket t ON t.id = e.ticketId
                WHERE t.publicId = \(publicID) ORDER BY e.id
                """
            ).map(Self.eventSummary)
        }
    }
}
