import Foundation
import MailroomPostgres
import MailroomStore

/// `store.*`: where Mailroom keeps everything. One SQLite file (`store.path`, the embedded default, one gateway)
/// or a PostgreSQL database shared by several gateways (`store.url`, with the password from
/// `MAILROOM_STORE_PASSWORD`).
public struct StoreSettings: Sendable, Equatable {
    /// Which database.
    public enum Kind: Sendable, Equatable {
        /// `store.path`: the SQLite file.
        case sqlite(path: String)
        /// `store.url`: the PostgreSQL database.
        case postgresql(PostgresLocation)
    }

    /// The database.
    public var kind: Kind
    /// `store.password` (secret; give it as `MAILROOM_STORE_PASSWORD`): the PostgreSQL user's password.
    public var password: String?
    /// `store.leaseSeconds` (default 30, 5-600): how long a mailbox lease and a gateway's heartbeat last; a gateway
    /// that dies is replaced within this time.
    public var leaseSeconds: Int
    /// `store.poolSize` (default 8, 2-64): PostgreSQL connections per gateway.
    public var poolSize: Int

    /// The SQLite file, when the store is SQLite.
    public var sqlitePath: String? {
        if case .sqlite(let path) = kind { return path }
        return nil
    }

    init(fields: inout ConfigFields, resolve: (String) -> String) {
        let path = fields.string("store.path")
        let url = fields.string("store.url")
        password = fields.string("store.password", secret: true)
        leaseSeconds = fields.int("store.leaseSeconds", default: 30, range: 5...600)
        poolSize = fields.int("store.poolSize", default: 8, range: 2...64)
        kind = .sqlite(path: resolve(path ?? "mailroom.sqlite"))
        guard let url else { return }
        if path != nil {
            fields.problem("store.url", "store.path and store.url are both set: a store is one or the other")
        }
        do {
            kind = .postgresql(try PostgresLocation(url: url))
        } catch {
            fields.problem("store.url", "\(error)")
        }
    }

    /// The store, for a human (without secrets).
    public var description: String {
        switch kind {
        case .sqlite(let path): return path
        case .postgresql(let location): return location.description
        }
    }

    /// Opens the store (applying its migrations).
    /// - Throws: ``StoreError`` saying what is wrong, without secrets.
    public func open(gatewayID: String = PostgresStore.newGatewayID()) throws -> any MailroomStorage {
        switch kind {
        case .sqlite(let path):
            let progress = TerminalProgress()
            defer { progress.finish() }
            return try SQLiteStore(path: path) { progress.show("store migration: \($0)") }
        case .postgresql(let location):
            return try PostgresStore(
                location: location, password: password, poolSize: poolSize, gatewayID: gatewayID,
                leaseDuration: .seconds(leaseSeconds))
        }
    }
}
