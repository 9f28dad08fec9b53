import Foundation
import GRDB
import MailroomCore

/// The Mailroom database: one SQLite file in WAL mode, owning every write.
///
/// Each stage of the pipeline is one transaction that reads one state and writes the next: ingest (raw bytes
/// and checkpoint), processing (ticket, events, outbox, counters), delivery (outbox state). A crash between
/// two stages leaves the row in its last committed state, and the stage runs again on restart.
public final class SQLiteStore: Sendable {
    let pool: DatabasePool
    /// The transactions processing and sending share when they wait for the writer together.
    let sharedCommit: SharedCommit
    /// The database file.
    public let path: String

    /// Opens (or creates) the store at `path` and applies its migrations; a long one tells `progress` how far it
    /// is.
    public init(path: String, progress: MigrationProgress? = nil) throws {
        self.path = path
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.label = "mailroom"
        do {
            try StoreFiles.prepare(path)
            pool = try DatabasePool(path: path, configuration: configuration)
            sharedCommit = SharedCommit(pool: pool)
            // A commit must be on the disk when it returns: the poller moves a mail on the server once it is
            // stored, and the sender hands a mail over once it is claimed. GRDB sets synchronous = NORMAL on a
            // pool's writer (after `prepareDatabase`), with which the log is synced only at checkpoints and a
            // commit can be lost to a power cut or a system crash. FULL syncs the log at every commit.
            try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
            // A new store gets the latest schema in one step (SchemaSnapshot); the migrator then finds nothing to do.
            try pool.write { try SchemaSnapshot.createIfEmpty($0) }
            try Migrations.migrator(progress: progress).migrate(pool)
        } catch {
            throw StoreError.cannotOpen(path: path, underlying: error)
        }
    }

    /// The names of the migrations applied, oldest first.
    public func appliedMigrations() throws -> [String] {
        try pool.read { db in try Migrations.migrator.appliedMigrations(db) }
    }

    /// The SQLite journal mode (`wal` for a pool).
    public func journalMode() throws -> String {
        try pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }
}

/// Why the store failed: a short description safe for a metric label, and the detail for a person (which file,
/// what happened), shown by the command line as the error's text.
public struct StoreError: Error, CustomStringConvertible, LocalizedError, Sendable {
    private enum Kind: Sendable {
        case cannotOpen
        case missingRow
        case database
        case locked
        case conflict
    }

    private let kind: Kind
    /// What a person needs to know.
    public let message: String

    static func cannotOpen(path: String, underlying: Error) -> StoreError {
        StoreError(kind: .cannotOpen, message: "cannot open the database \(path): \(underlying)")
    }

    /// The store's server could not be reached or refused us (another backend than SQLite); `message` must not
    /// contain secrets.
    public static func unavailable(_ message: String) -> StoreError {
        StoreError(kind: .cannotOpen, message: message)
    }

    /// A database error of another backend than SQLite; `message` must not contain secrets.
    public static func database(_ message: String) -> StoreError {
        StoreError(kind: .database, message: "database error: \(message)")
    }

    /// A row the operation needs is gone.
    public static func missingRow(_ what: String) -> StoreError {
        StoreError(kind: .missingRow, message: "missing row: \(what)")
    }

    /// Another process holds what this one needs (a store, a mailbox lease).
    public static func locked(_ message: String) -> StoreError {
        StoreError(kind: .locked, message: message)
    }

    /// The operation clashed with existing data (a taken name).
    public static func conflict(_ message: String) -> StoreError {
        StoreError(kind: .conflict, message: message)
    }

    /// Whether the operation clashed with existing data (a taken name).
    public var isConflict: Bool { kind == .conflict }

    /// Whether another process holds what this one needed (a store, a mailbox lease).
    public var isLocked: Bool { kind == .locked }

    /// Runs `body`, turning a database error into a ``StoreError`` (so callers can tell the store's failures
    /// from the message's).
    static func wrapping<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw StoreError(kind: .database, message: "database error: \(error)")
        }
    }

    /// `cannot-open`, `missing-row`, `database`, `locked` or `conflict`.
    public var description: String {
        switch kind {
        case .cannotOpen: return "cannot-open"
        case .missingRow: return "missing-row"
        case .database: return "database"
        case .locked: return "locked"
        case .conflict: return "conflict"
        }
    }

    /// The message, for people (the command line prints this).
    public var errorDescription: String? { message }
}

extension SQLiteStore: MailroomStorage {
    /// `sqlite:` and the file's path.
    public var storeDescription: String { "sqlite:\(path)" }
    /// One SQLite file belongs to one gateway (``StoreLock``).
    public var isShared: Bool { false }
    /// Reads one row (the file is there and readable).
    public func checkReachable() throws {
        try StoreError.wrapping { try pool.read { db in _ = try Int.fetchOne(db, sql: "SELECT 1") } }
    }
}
