import Foundation
import MailroomCore
import MailroomStore
import NIOCore
import PostgresNIO

/// The Mailroom store on PostgreSQL, for several gateways on one database: the same ports as ``SQLiteStore``,
/// its own named migrations, and what sharing needs (row claims with `FOR UPDATE SKIP LOCKED`, mailbox leases with
/// fencing tokens, counters and limits updated under row locks).
///
/// Operations are synchronous, like the SQLite store's, and run on the caller's thread (never an event loop):
/// each takes a pooled connection and waits for the server.
public final class PostgresStore: Sendable {
    let connections: PostgresConnections
    /// This process's identity among the gateways on the database (outbox claims carry it).
    public let gatewayID: String
    /// How long a gateway may go without a heartbeat before its `sending` rows count as interrupted
    /// (`store.leaseSeconds`; the mailbox leases use the same).
    public let leaseDuration: Duration

    /// Connects to `location` (the password from the environment, `MAILROOM_STORE_PASSWORD`, never the URL) and
    /// applies pending migrations.
    /// - Throws: ``StoreError`` saying where and why, without the password.
    public init(
        location: PostgresLocation, password: String?, poolSize: Int = 8,
        gatewayID: String = PostgresStore.newGatewayID(),
        leaseDuration: Duration = .seconds(30)
    ) throws {
        self.gatewayID = gatewayID
        self.leaseDuration = leaseDuration
        connections = try PostgresConnections(location: location, password: password, size: poolSize)
        let schema = location.schema
        do {
            _ = try connections.withSession { try PostgresMigrations.migrate($0, schema: schema) }
        } catch let error as PostgresSessionError {
            throw StoreError.unavailable("cannot migrate the PostgreSQL store \(location): \(error.description)")
        }
    }

    /// Where the store is (without secrets).
    public var location: PostgresLocation { connections.location }

    /// The names of the migrations applied, oldest first.
    public func appliedMigrations() throws -> [String] {
        try connections.read { session in
            try session.query("SELECT name FROM mailroomMigration ORDER BY appliedAt, name").map {
                try $0.decode(String.self)
            }
        }
    }

    /// A new gateway identity: host name, process id and a random part.
    public static func newGatewayID() -> String {
        let random = UInt32.random(in: 0...UInt32.max)
        return "\(ProcessInfo.processInfo.hostName):\(getpid()):\(String(random, radix: 16))"
    }

    /// Records that this gateway is alive (call at least every third of ``leaseDuration``).
    public func heartbeat(now: Date) throws {
        try connections.transaction(retrying: { $0.isRetryable || $0.isUniqueViolation }) { session in
            try session.execute(
                """
                INSERT INTO gateway (id, startedAt, heartbeatAt) VALUES (\(gatewayID), \(now), \(now))
                ON CONFLICT (id) DO UPDATE SET heartbeatAt = excluded.heartbeatAt, stoppedAt = NULL
                """)
        }
    }

    /// Records that this gateway stopped (graceful shutdown): its interrupted sends are taken over at once.
    public func stopped(now: Date) throws {
        try connections.transaction { session in
            try session.execute("UPDATE gateway SET stoppedAt = \(now) WHERE id = \(gatewayID)")
        }
    }

    /// Closes the pool's connections.
    public func close() {
        connections.close()
    }
}

// MARK: - Shared writes

extension PostgresStore {
    /// An audit event to append.
    struct NewEvent {
        var ticketID: Int64?
        var messageID: Int64?
        var outboxID: Int64?
        var at: Date
        var type: String
        var reason: String?
        var detail: String
    }

    /// Appends an audit event and counts it in its day's rollup (as the SQLite store's event record does).
    static func appendEvent(
        _ session: PostgresSession, ticketID: Int64? = nil, messageID: Int64? = nil, outboxID: Int64? = nil, at: Date,
        type: String, reason: String?, detail: String
    ) throws {
        try appendEvents(
            session,
            [
                NewEvent(
                    ticketID: ticketID, messageID: messageID, outboxID: outboxID, at: at, type: type, reason: reason,
                    detail: detail)
            ])
    }

    /// Appends audit events in one statement (in order) and counts them in their days' rollups.
    static func appendEvents(_ session: PostgresSession, _ events: [NewEvent]) throws {
        guard !events.isEmpty else { return }
        var delta: [String: [KPICell: Double]] = [:]
        var bindings = PostgresBindings(capacity: events.count * 7)
        var tuples: [String] = []
        for event in events {
            for cell in KPIRollup.cells(ofEvent: event.type, reason: event.reason) {
                delta[KPIContribution.day(event.at), default: [:]][cell, default: 0] += 1
            }
            bindings.append(event.ticketID)
            bindings.append(event.messageID)
            bindings.append(event.outboxID)
            bindings.append(event.at)
            bindings.append(event.type)
            bindings.append(event.reason)
            bindings.append(event.detail)
            let base = bindings.count - 7
            tuples.append("(" + (1...7).map { "$\(base + $0)" }.joined(separator: ", ") + ")")
        }
        try PostgresKPIs.add(session, delta)
        try session.execute(
            PostgresQuery(
                unsafeSQL: "INSERT INTO event (ticketId, messageId, outboxId, at, type, reason, detail) VALUES "
                    + tuples.joined(separator: ", "), binds: bindings))
    }

    /// Adds `value` to a day's cell and to its month's.
    static func addKPI(_ session: PostgresSession, day: String, _ cell: KPICell, _ value: Double) throws {
        try PostgresKPIs.add(session, [day: [cell: value]])
    }
}

extension PostgresRow {
    /// Column `index`, decoded (nil for SQL NULL).
    func value<T: PostgresDecodable>(_ index: Int, as type: T.Type = T.self) throws -> T? {
        let cell = makeRandomAccess()[index]
        guard cell.bytes != nil else { return nil }
        do {
            return try cell.decode(T.self)
        } catch {
            throw PostgresSessionError(error)
        }
    }

    /// Column `index`, which must not be NULL.
    func required<T: PostgresDecodable>(_ index: Int, as type: T.Type = T.self) throws -> T {
        guard let value = try value(index, as: T.self) else {
            throw StoreError.database("unexpected NULL in column \(makeRandomAccess()[index].columnName)")
        }
        return value
    }
}

extension PostgresStore: MailroomStorage {
    /// The URL without secrets.
    public var storeDescription: String { location.description }
    /// Several gateways share one PostgreSQL database.
    public var isShared: Bool { true }
    /// Asks the server for one row.
    public func checkReachable() throws {
        _ = try connections.read { session in try session.scalar("SELECT 1", as: Int32.self) }
    }
}
