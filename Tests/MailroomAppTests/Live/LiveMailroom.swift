import Foundation
import LiveServerSupport
import MailroomCore
import MailroomPostgres
import MailroomStore
import Testing

/// One live test's installation: its own dovecot user, support domain, folder with database and configuration,
/// and the built `mailroom` binary run as a subprocess against the test servers.
struct LiveMailroom {
    /// The configuration keys the tests vary.
    struct Settings {
        var imapURL: String
        var imapTLS = "none"
        var caFile: String?
        var idle = true
        var pollSeconds = 30
        var maxMessageBytes: Int?
        var smtpURL: String
        var retryBaseSeconds = 1
        var perHour: Int?
        var authservID: String? = "mx.shop.example"
        /// SMTP login (then STARTTLS with the test CA, as the sink offers AUTH only over TLS).
        var smtpLogin: (username: String, password: String)?
        /// The HTTP port on loopback (with feedback links to it), when the API is on.
        var httpPort: Int?
        /// A PostgreSQL store (`store.url`, a schema of the test's own) instead of the SQLite file.
        var storeURL: String?
        /// `store.leaseSeconds`, on PostgreSQL.
        var leaseSeconds: Int?
        /// `smtp.connections`.
        var smtpConnections: Int?
    }

    /// What one `mailroom` run did.
    struct Run {
        var termination: ChildProcess.Termination
        var output: String
    }

    static let secret = "live-test-token-secret-not-for-production"

    let user: MailUser
    let directory: URL
    let domain: String
    var settings: Settings
    /// The sink's folder (the shared sink's unless the test has servers of its own).
    var sinkDirectory: String?

    /// The stores a live test runs on: SQLite, and PostgreSQL (a schema of the test's own) when `scripts/test`
    /// started one.
    enum Store: String, CaseIterable, Sendable, CustomTestStringConvertible {
        case sqlite, postgresql

        static let available: [Store] = PostgresTestServer.isEnabled ? [.sqlite, .postgresql] : [.sqlite]
        var testDescription: String { rawValue }
    }

    /// A new installation with its own user `prefix-…` and domain `prefix-….example` on the shared servers.
    static func make(_ prefix: String, store: Store = .sqlite) async throws -> LiveMailroom {
        var settings = Settings(
            imapURL: try LiveServers.value("MAILROOM_TEST_IMAP_URL"),
            smtpURL: try LiveServers.value("MAILROOM_TEST_SMTP_URL"))
        if store == .postgresql { settings.storeURL = try PostgresTestServer.freshURL() }
        return try make(prefix, user: try await MailUser.create(prefix), settings: settings, sink: nil)
    }

    /// A new installation on servers of the test's own.
    static func make(_ prefix: String, servers: PrivateServers) throws -> LiveMailroom {
        let settings = Settings(imapURL: servers.imapURL, smtpURL: servers.smtpURL)
        return try make(prefix, user: servers.user, settings: settings, sink: servers.smtpOut)
    }

    private static func make(_ prefix: String, user: MailUser, settings: Settings, sink: String?) throws
        -> LiveMailroom
    {
        let name = "\(prefix)-\(String(UInt32.random(in: 0...UInt32.max), radix: 36))"
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mailroom-\(name)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let mailroom = LiveMailroom(
            user: user, directory: directory, domain: "\(name).example", settings: settings, sinkDirectory: sink)
        try mailroom.writeConfiguration()
        return mailroom
    }

    var supportAddress: String { "support@\(domain)" }
    var agentsInbox: String { "agents@\(domain)" }
    var configPath: String { directory.appendingPathComponent("mailroom.yaml").path }
    var storePath: String { directory.appendingPathComponent("mailroom.sqlite").path }

    /// Writes `mailroom.yaml` from ``settings``.
    func writeConfiguration() throws {
        var lines = [
            "mailroom:", "  supportAddress: \(supportAddress)", "  companyName: Larkwood",
            "store:", "  path: \(storePath)",
            "imap:", "  url: \(settings.imapURL)", "  username: \(user.name)", "  password: \(user.password)",
            "  tls: \(settings.imapTLS)", "  idle: \(settings.idle)", "  pollSeconds: \(settings.pollSeconds)",
            "  timeoutSeconds: 10",
            "smtp:", "  url: \(settings.smtpURL)", "  timeoutSeconds: 10",
            "agents:", "  inbox: \(agentsInbox)", "  allowed: [ana@\(domain), ben@\(domain)]",
            "tokens:", "  secret: \(Self.secret)",
            "outbox:", "  retryBaseSeconds: \(settings.retryBaseSeconds)",
        ]
        if let authserv = settings.authservID { lines.insert("  authservId: \(authserv)", at: 3) }
        if let caFile = settings.caFile { lines.insert("  caFile: \(caFile)", at: lines.firstIndex(of: "smtp:")!) }
        if let size = settings.maxMessageBytes {
            lines.insert("  maxMessageBytes: \(size)", at: lines.firstIndex(of: "smtp:")!)
        }
        if let url = settings.storeURL {
            let index = lines.firstIndex(of: "  path: \(storePath)")!
            lines[index] = "  url: \"\(url)\""
            if let lease = settings.leaseSeconds { lines.insert("  leaseSeconds: \(lease)", at: index + 1) }
        }
        if let connections = settings.smtpConnections {
            lines.insert("  connections: \(connections)", at: lines.firstIndex(of: "smtp:")! + 1)
        }
        if let perHour = settings.perHour { lines += ["limits:", "  perHour: \(perHour)"] }
        if let port = settings.httpPort {
            lines += ["http:", "  host: 127.0.0.1", "  port: \(port)", "  publicURL: http://127.0.0.1:\(port)"]
        }
        let smtp = lines.firstIndex(of: "smtp:")! + 1
        if let login = settings.smtpLogin {
            let ca = LiveServers.environment["MAILROOM_TEST_CA_FILE"] ?? ""
            lines.insert(
                contentsOf: ["  username: \(login.username)", "  password: \(login.password)", "  caFile: \(ca)"],
                at: smtp)
        } else {
            lines.insert("  tls: none", at: smtp)
        }
        try (lines.joined(separator: "\n") + "\n").write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    /// Starts `mailroom ARGUMENTS --config FILE` with a clean environment (no MAILROOM_* variables over the file).
    func start(_ arguments: [String]) throws -> ChildProcess {
        #expect(FileManager.default.isExecutableFile(atPath: MailroomBinary.path), "build the mailroom product first")
        var environment = ["PATH": "/usr/bin:/bin", "HOME": NSHomeDirectory(), "LANG": "C.UTF-8"]
        if settings.storeURL != nil { environment["MAILROOM_STORE_PASSWORD"] = try PostgresTestServer.password() }
        return try ChildProcess(
            executable: MailroomBinary.path, arguments: arguments + ["--config", configPath],
            environment: environment,
            output: directory.appendingPathComponent("mailroom-\(UInt32.random(in: 0...UInt32.max)).log").path)
    }

    /// `mailroom run --once`, waited for (at most 60 s).
    func runOnce() async throws -> Run {
        try await run(["run", "--once"])
    }

    /// `mailroom ARGUMENTS --config FILE`, waited for (at most 60 s).
    func run(_ arguments: [String]) async throws -> Run {
        let process = try start(arguments)
        guard let termination = try await process.wait(timeout: .seconds(60)) else {
            process.send(SIGKILL)
            _ = try await process.wait()
            Issue.record("mailroom \(arguments) did not finish within 60 s: \(process.output().suffix(3000))")
            return Run(termination: .signaled(SIGKILL), output: process.output())
        }
        return Run(termination: termination, output: process.output())
    }

    /// `mailroom run --once`, which must succeed; returns its summary line.
    @discardableResult
    func runOnceSucceeding() async throws -> String {
        let run = try await runOnce()
        #expect(run.termination == .exited(0), "mailroom run --once failed: \(run.output.suffix(3000))")
        return run.output.split(separator: "\n").last { $0.hasPrefix("stored ") }.map(String.init) ?? ""
    }

    /// The database (opened afresh each time, as another process writes it).
    func store() throws -> any MailroomStorage {
        if let url = settings.storeURL {
            return try PostgresStore(
                location: try PostgresLocation(url: url), password: try PostgresTestServer.password(), poolSize: 2,
                gatewayID: "test-observer")
        }
        return try SQLiteStore(path: storePath)
    }

    /// Everything the sink received from this installation, in arrival order.
    func sent() throws -> [SentMail] {
        try SinkFile.all(in: sinkDirectory) { $0["X-Envelope-From"] == supportAddress }.map(SentMail.init)
    }

    /// What the sink received for `recipient` (lower case compare).
    func sent(to recipient: String) throws -> [SentMail] {
        try sent().filter { $0.recipients.contains { $0.lowercased() == recipient.lowercased() } }
    }

    /// The signed plus-address scheme of this installation.
    var plusAddress: PlusAddress {
        get throws { try PlusAddress(supportAddress: supportAddress, signer: TokenSigner(secret: Self.secret)) }
    }

    /// The signed Message-ID scheme of this installation.
    var messageIDs: MessageIDScheme {
        get throws { try MessageIDScheme(signer: TokenSigner(secret: Self.secret), domain: domain) }
    }

    /// Removes the test's folder.
    func remove() {
        try? FileManager.default.removeItem(at: directory)
    }
}
