import Foundation
import MailroomPostgres
import MailroomStore
import Testing

/// What the conformance suite asks of every store.
protocol ConformingStore: IntakeStore, MailboxLeases {
    func receivedCount() throws -> Int
    func messageEvents(rowID: Int64) throws -> [EventSummary]
}

extension SQLiteStore: ConformingStore {}
extension PostgresStore: ConformingStore {}

/// The stores the conformance suite runs against: SQLite always; PostgreSQL when `scripts/test` (or
/// `scripts/postgres/start DIR` and its postgres.env) describes a server. With MAILROOM_LIVE_REQUIRED=1 a missing
/// server fails the PostgreSQL cases instead of leaving them out.
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgresql

    static let environment = ProcessInfo.processInfo.environment

    /// SQLite, and PostgreSQL when it is configured or required.
    static let available: [Backend] =
        environment["MAILROOM_TEST_PG_URL"] != nil || environment["MAILROOM_LIVE_REQUIRED"] == "1"
        ? [.sqlite, .postgresql] : [.sqlite]

    var testDescription: String { rawValue }

    /// A fresh, empty store of this kind (PostgreSQL: a schema of its own in the test database); keep the value
    /// alive while the store is used (`defer { withExtendedLifetime(test) {} }`).
    func makeStore() throws -> TestStore {
        switch self {
        case .sqlite:
            let database = try TemporaryDatabase()
            return TestStore(store: database.store, keepAlive: database)
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

    /// The test server's URL with a new schema, so each test starts empty.
    static func freshLocation() throws -> PostgresLocation {
        guard let url = environment["MAILROOM_TEST_PG_URL"] else {
            throw MissingServer(
                description: "MAILROOM_TEST_PG_URL is not set: run scripts/test, or scripts/postgres/start DIR and "
                    + "export DIR/postgres.env")
        }
        var location = try PostgresLocation(url: url)
        location.schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20)
        if let ca = environment["MAILROOM_TEST_PG_CA"] {
            location.caFile = ca
        }
        return location
    }

    static func password() throws -> String {
        guard let password = environment["MAILROOM_TEST_PG_PASSWORD"] else {
            throw MissingServer(description: "MAILROOM_TEST_PG_PASSWORD is not set")
        }
        return password
    }

    struct MissingServer: Error, CustomStringConvertible {
        var description: String
    }
}

/// A store under test and what keeps its storage alive.
final class TestStore: Sendable {
    let store: any ConformingStore
    private let keepAlive: any Sendable

    init(store: any ConformingStore, keepAlive: any Sendable) {
        self.store = store
        self.keepAlive = keepAlive
    }

    deinit {
        (store as? PostgresStore)?.close()
    }
}
