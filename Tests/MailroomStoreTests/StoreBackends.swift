import Foundation
import LiveServerSupport
import MailroomCore
import MailroomPostgres
import MailroomStore
import Testing

/// What the conformance suite asks of every store: everything a store does.
typealias ConformingStore = MailroomStorage

/// The stores the conformance suite runs against: SQLite always; PostgreSQL when `scripts/test` (or
/// `scripts/postgres/start DIR` and its postgres.env) describes a server. With MAILROOM_LIVE_REQUIRED=1 a missing
/// server fails the PostgreSQL cases instead of leaving them out.
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgresql

    static let environment = ProcessInfo.processInfo.environment

    /// SQLite, and PostgreSQL when it is configured or required.
    static let available: [Backend] = PostgresTestServer.isEnabled ? [.sqlite, .postgresql] : [.sqlite]

    var testDescription: String { rawValue }

    /// A fresh, empty store of this kind (PostgreSQL: a schema of its own in the test database); keep the value
    /// alive while the store is used (`defer { withExtendedLifetime(test) {} }`).
    func makeStore() throws -> TestStore {
        switch self {
        case .sqlite:
            let database = try TemporaryDatabase()
            return TestStore(store: database.store, keepAlive: database, path: database.path)
        case .postgresql:
            do {
                let store = try PostgresStore(
                    location: try Self.freshLocation(), password: try Self.password(), poolSize: 4)
                return TestStore(store: store, keepAlive: store)
            } catch let error as StoreError {
                throw MissingServer(description: error.message)
            }
        }
    }

    /// The same database opened again, as a restarted gateway would (on PostgreSQL with a new identity).
    func reopen(_ test: TestStore) throws -> TestStore {
        if let path = test.path {
            return TestStore(store: try SQLiteStore(path: path), keepAlive: test)
        }
        let postgres = try #require(test.store as? PostgresStore)
        let store = try PostgresStore(
            location: postgres.location, password: try Self.password(), poolSize: 2, gatewayID: "restarted")
        return TestStore(store: store, keepAlive: store)
    }

    /// `count` stores on one fresh database, as `count` gateways would open it (their own connections; on
    /// PostgreSQL each its own gateway identity).
    func makeSharedStores(_ count: Int) throws -> [TestStore] {
        switch self {
        case .sqlite:
            let database = try TemporaryDatabase()
            let others = try (1..<count).map { _ in try SQLiteStore(path: database.path) }
            return [TestStore(store: database.store, keepAlive: database)]
                + others.map { TestStore(store: $0, keepAlive: database) }
        case .postgresql:
            let location = try Self.freshLocation()
            return try (0..<count).map { index in
                let store = try PostgresStore(
                    location: location, password: try Self.password(), poolSize: 4, gatewayID: "gateway-\(index)")
                return TestStore(store: store, keepAlive: store)
            }
        }
    }

    /// The test server's URL with a new schema, so each test starts empty.
    static func freshLocation() throws -> PostgresLocation {
        try PostgresLocation(url: try PostgresTestServer.freshURL())
    }

    static func password() throws -> String {
        try PostgresTestServer.password()
    }

    struct MissingServer: Error, CustomStringConvertible {
        var description: String
    }
}

/// A store under test and what keeps its storage alive.
final class TestStore: Sendable {
    let store: any ConformingStore
    /// The SQLite file, for opening it again.
    let path: String?
    private let keepAlive: any Sendable

    init(store: any ConformingStore, keepAlive: any Sendable, path: String? = nil) {
        self.store = store
        self.keepAlive = keepAlive
        self.path = path
    }

    deinit {
        (store as? PostgresStore)?.close()
    }
}
