import Foundation
import MailroomPostgres
import MailroomStore
import Synchronization
import Testing

@Suite struct PostgresLocationTests {
    @Test func aURLNamesHostPortUserDatabaseAndTLS() throws {
        let location = try PostgresLocation(url: "postgresql://gw@db.internal:6543/mailroom")
        #expect(location.host == "db.internal")
        #expect(location.port == 6543)
        #expect(location.user == "gw")
        #expect(location.database == "mailroom")
        #expect(location.tls == .verifyFull)
        #expect(location.schema == "public")
        let other = try PostgresLocation(
            url: "postgres://gw@127.0.0.1/m?sslmode=disable&sslrootcert=/etc/ca.pem&schema=gw_2")
        #expect(other.port == 5432)
        #expect(other.tls == .disable)
        #expect(other.caFile == "/etc/ca.pem")
        #expect(other.schema == "gw_2")
        #expect(other.description == "postgresql://gw@127.0.0.1:5432/m?sslmode=disable&schema=gw_2")
    }

    @Test(arguments: [
        "mysql://gw@h/db", "postgresql://h/db", "postgresql://gw@h", "postgresql://gw@h/", "postgresql://gw@/db",
        "postgresql://gw@h/db?sslmode=sometimes", "postgresql://gw@h/db?schema=Robert';DROP",
        "postgresql://gw@h/db?x=1",
        "postgresql://gw@h/a/b",
    ])
    func aBadURLIsRefusedWithAReason(_ url: String) {
        #expect(throws: PostgresLocationError.self) { try PostgresLocation(url: url) }
    }

    @Test func aPasswordInTheURLIsRefusedAndNotRepeated() {
        do {
            _ = try PostgresLocation(url: "postgresql://gw:hunter2@h/db")
            Issue.record("a password in the URL was accepted")
        } catch {
            #expect("\(error)".contains("MAILROOM_STORE_PASSWORD"))
            #expect(!"\(error)".contains("hunter2"))
        }
    }
}

/// Connecting to the test server of `scripts/postgres/start`: TLS verified against its CA, and refusals that say
/// why without the secret.
@Suite(.enabled(if: Backend.available.contains(.postgresql))) struct PostgresConnectionTests {
    @Test func theServersCertificateIsVerifiedAgainstTheGivenCA() throws {
        var location = try Backend.freshLocation()
        location.tls = .verifyFull
        let store = try PostgresStore(location: location, password: try Backend.password(), poolSize: 1)
        defer { store.close() }
        #expect(try store.appliedMigrations() == ["pg-v1-schema", "pg-v2-leases-and-gateways"])

        // The system's CAs do not know the test CA: verification must fail.
        location.caFile = nil
        #expect(throws: StoreError.self) { try PostgresStore(location: location, password: try Backend.password()) }
    }

    @Test func aWrongPasswordIsRefusedWithoutShowingIt() throws {
        let location = try Backend.freshLocation()
        let wrong = "not-the-password-\(UUID().uuidString)"
        do {
            _ = try PostgresStore(location: location, password: wrong, poolSize: 1)
            Issue.record("a wrong password was accepted")
        } catch {
            let text = "\(error) \(error.localizedDescription)"
            #expect(text.contains("127.0.0.1") || text.contains("localhost"))
            #expect(!text.contains(wrong))
            #expect(!text.contains(try Backend.password()))
        }
    }

    @Test func migrationsRunOnceWhenGatewaysStartTogether() throws {
        let location = try Backend.freshLocation()
        let password = try Backend.password()
        let outcomes = Mutex<[Result<[String], any Error>]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { _ in
            let outcome = Result {
                let store = try PostgresStore(location: location, password: password, poolSize: 1)
                defer { store.close() }
                return try store.appliedMigrations()
            }
            outcomes.withLock { $0.append(outcome) }
        }
        #expect(outcomes.withLock { $0.count } == 4)
        for outcome in outcomes.withLock({ $0 }) {
            #expect(try outcome.get() == ["pg-v1-schema", "pg-v2-leases-and-gateways"])
        }
    }
}

/// After the first start has migrated, a gateway needs no more than reading and writing rows.
@Suite(.enabled(if: Backend.available.contains(.postgresql))) struct PostgresPrivilegeTests {
    @Test func aGatewayWhoseUserMayOnlyUseTheTablesStarts() throws {
        let location = try Backend.freshLocation()
        let owner = try PostgresStore(location: location, password: try Backend.password(), poolSize: 1)
        owner.close()
        let role = "gw_" + String(UUID().uuidString.prefix(8)).lowercased()
        let password = UUID().uuidString
        try psql(
            location,
            """
            CREATE ROLE \(role) LOGIN PASSWORD '\(password)';
            GRANT CONNECT ON DATABASE \(location.database) TO \(role);
            GRANT USAGE ON SCHEMA \(location.schema) TO \(role);
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA \(location.schema) TO \(role);
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA \(location.schema) TO \(role);
            """)
        var limited = location
        limited.user = role
        let store = try PostgresStore(location: limited, password: password, poolSize: 1)
        defer { store.close() }
        #expect(try store.appliedMigrations() == ["pg-v1-schema", "pg-v2-leases-and-gateways"])
        #expect(try store.ingest(IngestRequest(raw: mail("p1"), source: "test", receivedAt: t0)) == .stored(rowID: 1))
    }

    /// Runs `sql` as the test server's superuser with the psql of Debian's server packages.
    private func psql(_ location: PostgresLocation, _ sql: String) throws {
        let candidates =
            ["/usr/bin/psql"]
            + ((try? FileManager.default.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []).map {
                "/usr/lib/postgresql/\($0)/bin/psql"
            }
        let psql = try #require(candidates.first { FileManager.default.isExecutableFile(atPath: $0) })
        let process = Process()
        process.executableURL = URL(fileURLWithPath: psql)
        process.arguments = [
            "-h", location.host, "-p", "\(location.port)", "-U", location.user, "-d", location.database, "-v",
            "ON_ERROR_STOP=1", "-qc", sql,
        ]
        process.environment = ["PGPASSWORD": try Backend.password(), "PGSSLMODE": "disable", "PATH": "/usr/bin:/bin"]
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}
