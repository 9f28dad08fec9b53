import Foundation

/// Where a PostgreSQL store lives: `store.url` (`postgresql://user@host:port/database`, with libpq's `sslmode` and
/// `sslrootcert` as query parameters) and the password, which never comes from the URL (it would end up in
/// configuration files, process lists and logs): it comes from `MAILROOM_STORE_PASSWORD`.
public struct PostgresLocation: Sendable, Hashable, CustomStringConvertible {
    /// How the connection uses TLS (libpq's `sslmode` names).
    public enum TLSMode: String, Sendable, Hashable, CaseIterable {
        /// No TLS: only for a server on the same machine or a private network.
        case disable
        /// TLS when the server offers it, without verifying its certificate.
        case prefer
        /// TLS always, without verifying the certificate.
        case require
        /// TLS always; the certificate must be signed by a trusted CA (any host name).
        case verifyCA = "verify-ca"
        /// TLS always; the certificate must be signed by a trusted CA and name the host (the default).
        case verifyFull = "verify-full"
    }

    /// The server's host name or address.
    public var host: String
    /// The server's port.
    public var port: Int
    /// The user to connect as.
    public var user: String
    /// The database.
    public var database: String
    /// The TLS mode; `verify-full` unless the URL says otherwise.
    public var tls: TLSMode
    /// A PEM file with the CA certificates to trust instead of the system's (`sslrootcert`).
    public var caFile: String?
    /// The schema the store's tables live in (`search_path`; `public` unless the URL names one with `schema`).
    public var schema: String

    /// Reads a `postgresql://` (or `postgres://`) URL.
    /// - Throws: ``PostgresLocationError`` naming what is wrong; a password in the URL is refused.
    public init(url text: String) throws {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased(),
            scheme == "postgresql" || scheme == "postgres"
        else { throw PostgresLocationError("store.url must look like postgresql://user@host:port/database") }
        guard components.password == nil else {
            throw PostgresLocationError(
                "store.url must not contain a password; give it in the environment as MAILROOM_STORE_PASSWORD")
        }
        guard let host = components.host, !host.isEmpty else {
            throw PostgresLocationError("store.url has no host")
        }
        guard let user = components.user, !user.isEmpty else {
            throw PostgresLocationError("store.url has no user (postgresql://USER@host/database)")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else {
            throw PostgresLocationError("store.url has no database (postgresql://user@host/DATABASE)")
        }
        self.host = host
        self.port = components.port ?? 5432
        self.user = user
        self.database = database
        self.tls = .verifyFull
        self.schema = "public"
        for item in components.queryItems ?? [] {
            let value = item.value ?? ""
            switch item.name {
            case "sslmode":
                guard let mode = TLSMode(rawValue: value) else {
                    let known = TLSMode.allCases.map(\.rawValue).joined(separator: ", ")
                    throw PostgresLocationError("store.url: sslmode must be one of \(known)")
                }
                tls = mode
            case "sslrootcert": caFile = value
            case "schema":
                guard Self.isPlainName(value) else {
                    throw PostgresLocationError("store.url: schema must be letters, digits and _ (at most 63)")
                }
                schema = value
            default: throw PostgresLocationError("store.url: unknown parameter \(item.name)")
            }
        }
    }

    /// The URL without secrets (there are none in it), for logs and messages.
    public var description: String {
        let schemaPart = schema == "public" ? "" : "&schema=\(schema)"
        return "postgresql://\(user)@\(host):\(port)/\(database)?sslmode=\(tls.rawValue)\(schemaPart)"
    }

    /// A lower-case SQL identifier: letters, digits and underscores, not starting with a digit.
    static func isPlainName(_ name: String) -> Bool {
        guard let first = name.utf8.first, name.utf8.count <= 63,
            !(UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first)
        else { return false }
        return name.utf8.allSatisfy { byte in
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "_")
        }
    }
}

/// A `store.url` that cannot be used.
public struct PostgresLocationError: Error, CustomStringConvertible, LocalizedError, Sendable {
    /// What is wrong.
    public let description: String
    init(_ description: String) { self.description = description }
    /// The same, for people.
    public var errorDescription: String? { description }
}
