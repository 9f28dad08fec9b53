import Dispatch
import Foundation
import Logging
import MailroomCore
import MailroomStore
import NIOCore
import NIOPosix
import NIOSSL
import PostgresNIO
import Synchronization

/// A small pool of PostgreSQL connections for the store's synchronous operations (the store runs on the
/// gateway's worker threads, never on an event loop, like the SQLite store it stands beside): each operation
/// takes a connection, waits for its queries, and gives it back. At most `size` connections are open; a caller
/// waits up to `checkoutTimeout` for one. A connection that broke is dropped and replaced on demand.
final class PostgresConnections: Sendable {
    private struct State {
        var idle: [PostgresConnection] = []
        var nextID = 1
        var closed = false
    }

    let location: PostgresLocation
    private let configuration: PostgresConnection.Configuration
    private let group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    private let slots: DispatchSemaphore
    private let state = Mutex(State())
    private let logger: Logger
    private let checkoutTimeout: Duration

    /// Prepares the pool; connects lazily. `password` comes from the environment, never from the URL.
    init(location: PostgresLocation, password: String?, size: Int, checkoutTimeout: Duration = .seconds(30)) throws {
        self.location = location
        var configuration = PostgresConnection.Configuration(
            host: location.host, port: location.port, username: location.user, password: password,
            database: location.database, tls: try Self.tls(location))
        configuration.options.connectTimeout = .seconds(10)
        if location.schema != "public" {
            configuration.options.additionalStartupParameters = [("search_path", location.schema)]
        }
        self.configuration = configuration
        self.slots = DispatchSemaphore(value: max(1, size))
        self.checkoutTimeout = checkoutTimeout
        var logger = Logger(label: "mailroom.postgres")
        logger.logLevel = .critical
        self.logger = logger
    }

    private static func tls(_ location: PostgresLocation) throws -> PostgresConnection.Configuration.TLS {
        var tls = TLSConfiguration.makeClientConfiguration()
        switch location.tls {
        case .disable: return .disable
        case .prefer, .require: tls.certificateVerification = .none
        case .verifyCA: tls.certificateVerification = .noHostnameVerification
        case .verifyFull: tls.certificateVerification = .fullVerification
        }
        if let caFile = location.caFile {
            do {
                tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caFile))
            } catch {
                throw StoreError.unavailable("cannot read the CA file \(caFile) (store.url sslrootcert): \(error)")
            }
        }
        let context: NIOSSLContext
        do {
            context = try NIOSSLContext(configuration: tls)
        } catch {
            throw StoreError.unavailable("cannot set up TLS for \(location): \(error)")
        }
        return location.tls == .prefer ? .prefer(context) : .require(context)
    }

    /// Runs `body` on a connection of the pool, outside a transaction (each statement commits on its own).
    func read<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        do {
            return try withSession(body)
        } catch let error as PostgresSessionError {
            throw StoreError.database(error.description)
        }
    }

    /// Runs `body` in a read-only transaction on one snapshot (REPEATABLE READ): a report's many queries see the
    /// same data, whatever other gateways commit meanwhile.
    func snapshot<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        do {
            return try withSession { session in
                try session.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                defer { _ = try? session.execute("COMMIT") }
                return try body(session)
            }
        } catch let error as PostgresSessionError {
            throw StoreError.database(error.description)
        }
    }

    /// Runs `body` on a connection of the pool.
    func withSession<T>(_ body: (PostgresSession) throws -> T) throws -> T {
        guard slots.wait(timeout: .now() + .milliseconds(Int(checkoutTimeout.components.seconds) * 1000)) == .success
        else {
            throw StoreError.unavailable("no PostgreSQL connection free within \(checkoutTimeout) (\(location))")
        }
        defer { slots.signal() }
        let connection = try checkOut()
        let session = PostgresSession(connection: connection, logger: logger)
        do {
            let result = try body(session)
            checkIn(connection)
            return result
        } catch {
            checkIn(connection)
            throw error
        }
    }

    /// Runs `body` in one transaction (READ COMMITTED) and commits; rolls back when it throws. A transaction the
    /// server aborted for a deadlock or a serialization failure runs again from the start, a few times.
    func transaction<T>(
        retrying shouldRetry: (PostgresSessionError) -> Bool = { $0.isRetryable }, _ body: (PostgresSession) throws -> T
    ) throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            do {
                return try withSession { session in
                    try session.execute("BEGIN")
                    session.pending.isCollecting = true
                    session.pending.delta = [:]
                    defer { session.pending.isCollecting = false }
                    do {
                        let result = try body(session)
                        session.pending.isCollecting = false
                        try PostgresKPIs.write(session, session.pending.delta)
                        try session.execute("COMMIT")
                        return result
                    } catch {
                        _ = try? session.execute("ROLLBACK")
                        throw error
                    }
                }
            } catch let error as PostgresSessionError where shouldRetry(error) && attempt < 5 {
                Thread.sleep(forTimeInterval: Double.random(in: 0.005...0.05) * Double(attempt))
                continue
            } catch let error as PostgresSessionError {
                throw StoreError.database(error.description)
            }
        }
    }

    /// A connection that is not part of the pool (LISTEN needs its own); the caller closes it.
    func dedicatedConnection() throws -> PostgresConnection {
        try connect()
    }

    /// Closes every idle connection; later operations fail.
    func close() {
        let idle = state.withLock { state in
            state.closed = true
            defer { state.idle = [] }
            return state.idle
        }
        for connection in idle { Self.close(connection) }
    }

    deinit {
        for connection in state.withLock({ $0.idle }) { Self.close(connection) }
    }

    /// Closes `connection`, waiting for it unless on an event loop; the connection is kept until it is closed
    /// (postgres-nio requires a connection to be closed before it goes away).
    static func close(_ connection: PostgresConnection) {
        let closing: EventLoopFuture<Void> = connection.close()
        if MultiThreadedEventLoopGroup.currentEventLoop == nil {
            try? closing.wait()
        } else {
            closing.whenComplete { _ in withExtendedLifetime(connection) {} }
        }
    }

    private func checkOut() throws -> PostgresConnection {
        let taken = state.withLock { state -> (PostgresConnection?, Bool) in
            while let connection = state.idle.popLast() {
                if !connection.isClosed { return (connection, state.closed) }
            }
            return (nil, state.closed)
        }
        if taken.1 { throw StoreError.unavailable("the PostgreSQL store is closed") }
        if let connection = taken.0 { return connection }
        return try connect()
    }

    private func checkIn(_ connection: PostgresConnection) {
        guard !connection.isClosed else { return }
        let keep = state.withLock { state in
            guard !state.closed else { return false }
            state.idle.append(connection)
            return true
        }
        if !keep { Self.close(connection) }
    }

    private func connect() throws -> PostgresConnection {
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        do {
            return try PostgresConnection.connect(
                on: group.next(), configuration: configuration, id: id, logger: logger
            ).wait()
        } catch {
            // The error's own text never includes the password; say where and why, without it.
            throw StoreError.unavailable("cannot connect to \(location): \(PostgresSessionError(error).description)")
        }
    }
}

/// One connection, used synchronously: each call waits for the server's answer.
struct PostgresSession {
    let connection: PostgresConnection
    let logger: Logger
    /// What the transaction adds to the KPI rollups, written once just before it commits.
    let pending = PendingRollups()

    /// KPI rollup changes collected during a transaction. Every transaction (intake, processing, delivery) adds
    /// to today's cells: written as they come, those hot rows would be locked early and in a different order by
    /// each transaction, and gateways would wait for (and deadlock on) each other. Written last, sorted, they are
    /// locked only for the commit.
    final class PendingRollups {
        var delta: [String: [KPICell: Double]] = [:]
        var isCollecting = false
    }

    /// Runs `query`; returns its rows.
    @discardableResult
    func query(_ query: PostgresQuery) throws -> [PostgresRow] {
        do {
            return try connection.query(query, logger: logger).wait().rows
        } catch {
            throw PostgresSessionError(error)
        }
    }

    /// Runs `query`; returns how many rows it changed.
    @discardableResult
    func execute(_ query: PostgresQuery) throws -> Int {
        do {
            return try connection.query(query, logger: logger).wait().metadata.rows ?? 0
        } catch {
            throw PostgresSessionError(error)
        }
    }

    /// The first column of the first row, decoded.
    func scalar<T: PostgresDecodable>(_ query: PostgresQuery, as type: T.Type = T.self) throws -> T? {
        guard let cell = try self.query(query).first?.first, cell.bytes != nil else { return nil }
        do {
            return try cell.decode(T.self)
        } catch {
            throw PostgresSessionError(error)
        }
    }
}

/// A PostgreSQL error, described by its SQLSTATE and the server's message (never the connection's secrets).
struct PostgresSessionError: Error, CustomStringConvertible {
    let sqlState: String?
    let description: String

    init(_ error: any Error) {
        if let error = error as? PSQLError {
            let state = error.serverInfo?[.sqlState]
            sqlState = state
            if let message = error.serverInfo?[.message] {
                description = "\(message) (SQLSTATE \(state ?? "?"))"
            } else {
                description = "\(error.code)"
            }
        } else if let error = error as? PostgresDecodingError {
            sqlState = nil
            description = "cannot decode column \(error.columnName) as \(error.targetType)"
        } else {
            sqlState = nil
            description = "\(error)"
        }
    }

    /// Whether the transaction may simply run again: a serialization failure or a deadlock.
    var isRetryable: Bool { sqlState == "40001" || sqlState == "40P01" }

    /// Whether a unique constraint refused the row.
    var isUniqueViolation: Bool { sqlState == "23505" }
}
