import Foundation
import MailTransport

/// The real servers started by `scripts/mail-servers/start` (via `scripts/test`), described by MAILROOM_TEST_*
/// variables. Without them the live suites are skipped; with MAILROOM_LIVE_REQUIRED=1 a missing variable or an
/// unreachable server fails them. Shared by the live suites of every test target.
public enum LiveServers {
    /// The test process's environment.
    public static let environment = ProcessInfo.processInfo.environment

    /// Whether the live suites run: the servers are described, or they are required.
    public static let isEnabled =
        environment["MAILROOM_LIVE_REQUIRED"] == "1" || environment["MAILROOM_TEST_IMAP_URL"] != nil

    /// The reason shown when they are skipped.
    public static let skipReason =
        "live mail servers not configured: run scripts/test, or scripts/mail-servers/start DIR and export DIR/mail-servers.env"

    /// A MAILROOM_TEST_* variable the live suites need is not set.
    public struct MissingVariable: Error, CustomStringConvertible {
        /// The variable.
        public var name: String
        /// What to do about it.
        public var description: String {
            "\(name) is not set (scripts/mail-servers/start writes it to mail-servers.env)"
        }
    }

    /// The value of a MAILROOM_TEST_* variable; throws ``MissingVariable`` when it is not set.
    public static func value(_ name: String) throws -> String {
        guard let value = environment[name], !value.isEmpty else { throw MissingVariable(name: name) }
        return value
    }

    /// The IMAP user of the test server.
    public static var user: String { environment["MAILROOM_TEST_USER"] ?? "support" }
    /// Its password.
    public static var password: String { environment["MAILROOM_TEST_PASSWORD"] ?? "secret" }

    /// An IMAP configuration for the test server; STARTTLS with the test CA unless told otherwise.
    public static func imap(
        url variable: String = "MAILROOM_TEST_IMAP_URL", tls: TLSPolicy = .required,
        credentials: Credentials? = nil, caFile: String? = nil
    ) throws -> IMAPConfiguration {
        IMAPConfiguration(
            url: try value(variable), credentials: credentials ?? .password(username: user, password: password),
            tls: tls, caFile: try caFile ?? value("MAILROOM_TEST_CA_FILE"), connectTimeout: .seconds(5),
            operationTimeout: .seconds(60), reconnect: Backoff(initial: .milliseconds(200), attempts: 4))
    }

    /// An SMTP configuration for the test sink.
    public static func smtp(
        url variable: String = "MAILROOM_TEST_SMTP_URL", tls: TLSPolicy = .required, credentials: Credentials = .none
    ) throws -> SMTPConfiguration {
        SMTPConfiguration(
            url: try value(variable), credentials: credentials, tls: tls, caFile: try value("MAILROOM_TEST_CA_FILE"),
            connectTimeout: .seconds(5), operationTimeout: .seconds(60))
    }

    /// A folder could not be created for a test.
    public struct FolderNotCreated: Error, CustomStringConvertible {
        /// The folder.
        public var name: String
        /// What went wrong.
        public var description: String { "IMAP CREATE \(name) did not create a new folder" }
    }

    /// A fresh folder for one test (so no test depends on another's mailbox state), created over IMAP.
    public static func newFolder(_ prefix: String) async throws -> String {
        let name = "\(prefix)-\(UInt32.random(in: 0...UInt32.max))"
        let admin = try IMAPClient(configuration: imap())
        let outcome = try await admin.createMailbox(name)
        await admin.close()
        guard outcome == .created else { throw FolderNotCreated(name: name) }
        return name
    }

    /// Delivers messages into a folder the fastest way (files in its Maildir `new/`, as an MTA would), in order.
    /// `maildir` is the user's Maildir root: the test user's (`MAILROOM_TEST_MAILDIR`) unless given.
    public static func seed(_ messages: [[UInt8]], into folder: String, maildir: String? = nil) throws {
        let root = URL(fileURLWithPath: try maildir ?? value("MAILROOM_TEST_MAILDIR"))
        let directory = folder == "INBOX" ? root : root.appendingPathComponent("." + ModifiedUTF7.encode(folder))
        for (index, message) in messages.enumerated() {
            let name = "\(Date().timeIntervalSince1970).M\(index)R\(UInt32.random(in: 0...UInt32.max)).test"
            let temporary = directory.appendingPathComponent("tmp/" + name)
            try Data(message).write(to: temporary)
            giveToMailOwner(temporary.path)
            try FileManager.default.moveItem(at: temporary, to: directory.appendingPathComponent("new/" + name))
        }
    }

    /// As root, hands a file or folder to the mail owner (dovecot refuses mail owned by uid 0).
    static func giveToMailOwner(_ path: String) {
        let owner = (environment["MAILROOM_TEST_MAIL_OWNER"] ?? "").split(separator: ":").compactMap { UInt32($0) }
        if owner.count == 2, getuid() == 0 { chown(path, owner[0], owner[1]) }
    }

    /// A script of scripts/mail-servers/ failed.
    public struct ScriptFailed: Error, CustomStringConvertible {
        /// The script.
        public var name: String
        /// How it ended.
        public var termination: ChildProcess.Termination
        /// Its standard error.
        public var standardError: String
        /// What went wrong.
        public var description: String {
            "scripts/mail-servers/\(name) failed (\(termination)): \(standardError.suffix(2000))"
        }
    }

    /// Runs a script of scripts/mail-servers/ against the running servers (or those of `directory`), with
    /// `environment` over the test process's own; waits for it and throws ``ScriptFailed`` when it fails.
    public static func runScript(
        _ name: String, arguments: [String] = [], directory: String? = nil, environment: [String: String] = [:]
    ) throws {
        let script = packageRoot.appendingPathComponent("scripts/mail-servers/\(name)").path
        let folder = try directory ?? value("MAILROOM_TEST_SERVERS_DIR")
        let output = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mail-servers-\(name)-\(UInt64.random(in: 0...UInt64.max)).log")
        defer { try? FileManager.default.removeItem(at: output) }
        let process = try ChildProcess(
            executable: "/bin/bash", arguments: [script, folder] + arguments,
            environment: self.environment.merging(environment) { $1 }, output: output.path)
        let termination = process.waitBlocking()
        guard termination == .exited(0) else {
            throw ScriptFailed(name: name, termination: termination, standardError: process.output())
        }
    }

    /// The package's root folder.
    public static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Waits (up to 10 s) for the SMTP sink to store a message containing `marker`; returns it without the five
    /// X- lines the sink prepends, plus those lines as a dictionary.
    public static func sinkMessage(containing marker: String) async throws -> (
        message: [UInt8], sink: [String: String]
    )? {
        let needle = Data(marker.utf8)
        for _ in 0..<100 {
            if let file = try SinkFile.all().first(where: { Data($0.message).range(of: needle) != nil }) {
                return (file.message, file.envelope)
            }
            try await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }
}
