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
    /// Appends an audit event and counts it in its day's rollup (as the SQLite store's event record does).
    @discardableResult
    static func appendEvent(
        _ session: PostgresSession, ticketID: Int64? = nil, messageID: Int64? = nil, outboxID: Int64? = nil, at: Date,
        type: String, reason: String?, detail: String
    ) throws -> Int64? {
        for cell in KPIRollup.cells(ofEvent: type, reason: reason) {
            try addKPI(session, day: KPIContribution.day(at), cell, 1)
        }
        return try session.scalar(
            """
            INSERT INTO event (ticketId, messageId, outboxId, at, type, reason, detail)
            VALUES (\(ticketID), \(messageID), \(outboxID), \(at), \(type), \(reason), \(detail)) RETURNING id
            """, as: Int64.self)
    }

    /// Adds `value` to a day's cell and to its month's.
    static func addKPI(_ session: PostgresSession, day: String, _ cell: KPICell, _ value: Double) throws {
        try session.execute(
            """
            INSERT INTO kpiRollup (day, name, key, value) VALUES (\(day), \(cell.name), \(cell.key), \(value))
            ON CONFLICT (day, name, key) DO UPDATE SET value = kpiRollup.value + excluded.value
            """)
        let month = String(day.prefix(7))
        try session.execute(
            """
            INSERT INTO kpiRollupMonth (month, name, key, value) VALUES (\(month), \(cell.name), \(cell.key), \(value))
            ON CONFLICT (month, name, key) DO UPDATE SET value = kpiRollupMonth.value + excluded.value
            """)
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
