import Foundation
import MailTransport
import Testing

/// The real servers started by `scripts/mail-servers/start` (via `scripts/test`), described by MAILROOM_TEST_*
/// variables. Without them the live suites are skipped; with MAILROOM_LIVE_REQUIRED=1 a missing variable or an
/// unreachable server fails them.
enum LiveServers {
    static let environment = ProcessInfo.processInfo.environment

    /// Whether the live suites run: the servers are described, or they are required.
    static let isEnabled = environment["MAILROOM_LIVE_REQUIRED"] == "1" || environment["MAILROOM_TEST_IMAP_URL"] != nil

    /// The reason shown when they are skipped.
    static let skipReason: Comment =
        "live mail servers not configured: run scripts/test, or scripts/mail-servers/start DIR and export DIR/mail-servers.env"

    struct MissingVariable: Error, CustomStringConvertible {
        var name: String
        var description: String { "\(name) is not set (scripts/mail-servers/start writes it to mail-servers.env)" }
    }

    static func value(_ name: String) throws -> String {
        guard let value = environment[name], !value.isEmpty else { throw MissingVariable(name: name) }
        return value
    }

    static var user: String { environment["MAILROOM_TEST_USER"] ?? "support" }
    static var password: String { environment["MAILROOM_TEST_PASSWORD"] ?? "secret" }

    /// An IMAP configuration for the test server; STARTTLS with the test CA unless told otherwise.
    static func imap(
        url variable: String = "MAILROOM_TEST_IMAP_URL", tls: TLSPolicy = .required,
        credentials: Credentials? = nil, caFile: String? = nil
    ) throws -> IMAPConfiguration {
        IMAPConfiguration(
            url: try value(variable), credentials: credentials ?? .password(username: user, password: password),
            tls: tls, caFile: try caFile ?? value("MAILROOM_TEST_CA_FILE"), connectTimeout: .seconds(5),
            operationTimeout: .seconds(60), reconnect: Backoff(initial: .milliseconds(200), attempts: 4))
    }

    /// An SMTP configuration for the test sink.
    static func smtp(
        url variable: String = "MAILROOM_TEST_SMTP_URL", tls: TLSPolicy = .required, credentials: Credentials = .none
    ) throws -> SMTPConfiguration {
        SMTPConfiguration(
            url: try value(variable), credentials: credentials, tls: tls, caFile: try value("MAILROOM_TEST_CA_FILE"),
            connectTimeout: .seconds(5), operationTimeout: .seconds(60))
    }

    /// A fresh folder for one test (so no test depends on another's mailbox state), created over IMAP.
    static func newFolder(_ prefix: String) async throws -> String {
        let name = "\(prefix)-\(UInt32.random(in: 0...UInt32.max))"
        let admin = try IMAPClient(configuration: imap())
        #expect(try await admin.createMailbox(name) == .created)
        await admin.close()
        return name
    }

    /// Delivers messages into a folder the fastest way (files in its Maildir `new/`, as an MTA would), in order.
    static func seed(_ messages: [[UInt8]], into folder: String) throws {
        let root = URL(fileURLWithPath: try value("MAILROOM_TEST_MAILDIR"))
        let directory = folder == "INBOX" ? root : root.appendingPathComponent("." + ModifiedUTF7.encode(folder))
        let owner = (environment["MAILROOM_TEST_MAIL_OWNER"] ?? "").split(separator: ":").compactMap { UInt32($0) }
        for (index, message) in messages.enumerated() {
            let name = "\(Date().timeIntervalSince1970).M\(index)R\(UInt32.random(in: 0...UInt32.max)).test"
            let temporary = directory.appendingPathComponent("tmp/" + name)
            try Data(message).write(to: temporary)
            if owner.count == 2, getuid() == 0 { chown(temporary.path, owner[0], owner[1]) }
            try FileManager.default.moveItem(at: temporary, to: directory.appendingPathComponent("new/" + name))
        }
    }

    /// Runs a script of scripts/mail-servers/ against the running servers (posix_spawn + waitpid: Foundation's
    /// Process.waitUntilExit was seen to hang here once the script had started a daemon).
    static func runScript(_ name: String) throws {
        let script = packageRoot.appendingPathComponent("scripts/mail-servers/\(name)").path
        let arguments = ["/bin/bash", script, try value("MAILROOM_TEST_SERVERS_DIR")]
        var argv = arguments.map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        #expect(posix_spawn(&pid, "/bin/bash", nil, nil, &argv, environ) == 0)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        #expect(status == 0, "scripts/mail-servers/\(name) failed (wait status \(status))")
    }

    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Waits (up to 10 s) for the SMTP sink to store a message containing `marker`; returns it without the five
    /// X- lines the sink prepends, plus those lines as a dictionary.
    static func sinkMessage(containing marker: String) async throws -> (message: [UInt8], sink: [String: String])? {
        let directory = URL(fileURLWithPath: try value("MAILROOM_TEST_SMTP_OUT")).appendingPathComponent("new")
        let needle = Data(marker.utf8)
        for _ in 0..<100 {
            for file in try FileManager.default.contentsOfDirectory(atPath: directory.path) {
                let data = try Data(contentsOf: directory.appendingPathComponent(file))
                guard data.range(of: needle) != nil else { continue }
                return split(Array(data))
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }

    private static func split(_ bytes: [UInt8]) -> (message: [UInt8], sink: [String: String]) {
        var sink: [String: String] = [:]
        var offset = 0
        for _ in 0..<5 {
            guard let end = bytes[offset...].firstIndex(of: UInt8(ascii: "\n")) else { break }
            let line = String(decoding: bytes[offset..<end], as: UTF8.self).trimmingCharacters(in: .newlines)
            let parts = line.split(separator: ":", maxSplits: 1)
            if parts.count == 2 { sink[String(parts[0])] = parts[1].trimmingCharacters(in: .whitespaces) }
            offset = end + 1
        }
        return (Array(bytes[offset...]), sink)
    }
}
