import Foundation
import LiveServerSupport
import MailroomCore
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

    /// A new installation with its own user `prefix-…` and domain `prefix-….example`.
    static func make(_ prefix: String) async throws -> LiveMailroom {
        let user = try await MailUser.create(prefix)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("mailroom-\(user.name)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let settings = Settings(
            imapURL: try LiveServers.value("MAILROOM_TEST_IMAP_URL"),
            smtpURL: try LiveServers.value("MAILROOM_TEST_SMTP_URL"))
        let mailroom = LiveMailroom(
            user: user, directory: directory, domain: "\(user.name).example", settings: settings)
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
            "smtp:", "  url: \(settings.smtpURL)", "  tls: none", "  timeoutSeconds: 10",
            "agents:", "  inbox: \(agentsInbox)", "  allowed: [ana@\(domain), ben@\(domain)]",
            "templates:", "  path: \(LiveServers.packageRoot.appendingPathComponent("templates").path)",
            "tokens:", "  secret: \(Self.secret)",
            "outbox:", "  retryBaseSeconds: \(settings.retryBaseSeconds)",
        ]
        if let authserv = settings.authservID { lines.insert("  authservId: \(authserv)", at: 3) }
        if let caFile = settings.caFile { lines.insert("  caFile: \(caFile)", at: lines.firstIndex(of: "smtp:")!) }
        if let size = settings.maxMessageBytes {
            lines.insert("  maxMessageBytes: \(size)", at: lines.firstIndex(of: "smtp:")!)
        }
        if let perHour = settings.perHour { lines += ["limits:", "  perHour: \(perHour)"] }
        try (lines.joined(separator: "\n") + "\n").write(toFile: configPath, atomically: true, encoding: .utf8)
    }

    /// Starts `mailroom ARGUMENTS --config FILE` with a clean environment (no MAILROOM_* variables over the file).
    func start(_ arguments: [String]) throws -> ChildProcess {
        #expect(FileManager.default.isExecutableFile(atPath: MailroomBinary.path), "build the mailroom product first")
        return try ChildProcess(
            executable: MailroomBinary.path, arguments: arguments + ["--config", configPath],
            environment: ["PATH": "/usr/bin:/bin", "HOME": NSHomeDirectory(), "LANG": "C.UTF-8"],
            output: directory.appendingPathComponent("mailroom-\(UInt32.random(in: 0...UInt32.max)).log").path)
    }

    /// `mailroom run --once`, waited for (at most 60 s).
    func runOnce() async throws -> Run {
        let process = try start(["run", "--once"])
        guard let termination = try await process.wait(timeout: .seconds(60)) else {
            process.send(SIGKILL)
            _ = try await process.wait()
            Issue.record("mailroom run --once did not finish within 60 s: \(process.output().suffix(3000))")
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
    func store() throws -> SQLiteStore {
        try SQLiteStore(path: storePath)
    }

    /// Everything the sink received from this installation, in arrival order.
    func sent() throws -> [SentMail] {
        try SinkFile.all { $0["X-Envelope-From"] == supportAddress }.map(SentMail.init)
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

/// A free TCP port on 127.0.0.1 nobody listens on (bound, read and closed again): a server that is down.
func closedPort() -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
            bind(fd, pointer, length)
            return getsockname(fd, pointer, &length)
        }
    }
    return Int(UInt16(bigEndian: address.sin_port))
}
