import Foundation

/// The PostgreSQL server of `scripts/postgres/start` (via `scripts/test`), described by MAILROOM_TEST_PG_*
/// variables: each test gets a schema of its own in its database.
public enum PostgresTestServer {
    /// Whether the PostgreSQL cases run: the server is described, or the live suites are required (then a missing
    /// server fails them).
    public static let isEnabled =
        LiveServers.environment["MAILROOM_TEST_PG_URL"] != nil
        || LiveServers.environment["MAILROOM_LIVE_REQUIRED"] == "1"

    /// The server's URL with a new schema (`?schema=t_…`) and its CA (`sslrootcert`), so a test starts empty.
    public static func freshURL() throws -> String {
        let url = try LiveServers.value("MAILROOM_TEST_PG_URL")
        let schema = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(20)
        var parameters = ["schema=\(schema)"]
        if let ca = LiveServers.environment["MAILROOM_TEST_PG_CA"] { parameters.append("sslrootcert=\(ca)") }
        return url + (url.contains("?") ? "&" : "?") + parameters.joined(separator: "&")
    }

    /// The password of the server's user.
    public static func password() throws -> String {
        try LiveServers.value("MAILROOM_TEST_PG_PASSWORD")
    }
}
