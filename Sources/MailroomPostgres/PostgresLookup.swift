import Foundation
import MailroomCore
import MailroomStore
import PostgresNIO

/// ``GatewayLookup`` inside a processing transaction on PostgreSQL. What several gateways could race on is locked
/// until the transaction ends, so the second process waits and then reads what the first committed:
/// - a ticket is read `FOR UPDATE` (two mails of one thread never update it from the same old state);
/// - a sender's counters (automatic mail, rate-limit hits, pauses) are read under a transaction-scoped advisory
///   lock on the address (three processes cannot each see two replies and send a third).
struct PostgresLookup: GatewayLookup {
    let session: PostgresSession
    /// The senders whose lock this transaction already holds (each is taken once).
    private let locked = LockedSenders()

    init(session: PostgresSession) {
        self.session = session
    }

    private final class LockedSenders {
        var addresses: Set<String> = []
    }

    func ticket(publicID: String) throws -> Ticket? {
        try session.query(
            PostgresQuery(
                unsafeSQL: "SELECT \(PostgresTickets.columns) FROM ticket t WHERE t.publicId = $1 FOR UPDATE",
                binds: try Self.binds(publicID))
        ).first.map(PostgresTickets.ticket)
    }

    func ticket(forSentMessageID messageID: String) throws -> Ticket? {
        try session.query(
            PostgresQuery(
                unsafeSQL: """
                    SELECT \(PostgresTickets.columns) FROM ticket t JOIN outbox o ON o.ticketId = t.id
                    WHERE o.messageIdHeader = $1 FOR UPDATE OF t
                    """, binds: try Self.binds(messageID))
        ).first.map(PostgresTickets.ticket)
    }

    func automaticMailCount(to address: String, since date: Date) throws -> Int {
        let address = try lockSender(address)
        return Int(
            try session.scalar(
                "SELECT count(*) FROM automaticMail WHERE address = \(address) AND queuedAt >= \(date)",
                as: Int64.self) ?? 0)
    }

    func rateLimitTimes(for address: String, since date: Date) throws -> [Date] {
        let address = try lockSender(address)
        return try session.query(
            "SELECT at FROM rateLimitHit WHERE address = \(address) AND at >= \(date) ORDER BY at"
        ).map { try $0.required(0, as: Date.self) }
    }

    func activePause(for address: String, at date: Date) throws -> SenderPause? {
        let address = try lockSender(address)
        guard let row = try session.query("SELECT until, reason FROM senderPause WHERE address = \(address)").first
        else { return nil }
        let until = try row.required(0, as: Date.self)
        guard until > date else { return nil }
        return SenderPause(until: until, reason: SenderPause.Reason(rawValue: try row.required(1)) ?? .bounce)
    }

    func publicIDExists(_ publicID: String) throws -> Bool {
        try session.scalar("SELECT EXISTS (SELECT 1 FROM ticket WHERE publicId = \(publicID))", as: Bool.self) ?? false
    }

    func approvedKnowledge(ticketPublicID: String) throws -> KnowledgeEntry? {
        try session.query(
            PostgresQuery(
                unsafeSQL: """
                    SELECT \(PostgresKnowledgeWrites.columns) FROM knowledge k JOIN ticket t ON t.id = k.ticketId
                    WHERE t.publicId = $1 AND k.state = 'approved'
                    """, binds: try Self.binds(ticketPublicID))
        ).first.map(PostgresKnowledgeWrites.entry)
    }

    /// Locks the sender's counters until the transaction ends; returns the address as stored (lower case).
    private func lockSender(_ address: String) throws -> String {
        let address = address.lowercased()
        guard locked.addresses.insert(address).inserted else { return address }
        let key = "mailroom.sender:" + address
        try session.execute("SELECT pg_advisory_xact_lock(hashtextextended(\(key), 0))")
        return address
    }

    static func binds(_ values: String...) throws -> PostgresBindings {
        var bindings = PostgresBindings(capacity: values.count)
        for value in values { bindings.append(value) }
        return bindings
    }
}
