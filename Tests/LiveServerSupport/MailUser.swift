import Foundation
import MailTransport

/// A dovecot user of its own for one test: its mailbox state, sessions and kicks are independent of every other
/// test's. Added to the test server's passwd-file (which dovecot reads again when it changes) with an empty
/// Maildir owned by the mail owner.
public struct MailUser: Sendable {
    /// The login name.
    public var name: String
    /// The password.
    public var password: String
    /// The user's Maildir root (INBOX; folders are `.NAME` inside).
    public var maildir: String
    /// The server's plaintext/STARTTLS URL (`imap://127.0.0.1:PORT`).
    public var imapURL: String

    /// A user that already exists on the server at `imapURL`.
    public init(name: String, password: String, maildir: String, imapURL: String) {
        self.name = name
        self.password = password
        self.maildir = maildir
        self.imapURL = imapURL
    }

    /// Creates a new user named `prefix-RANDOM` on the test server.
    public static func create(_ prefix: String) async throws -> MailUser {
        let directory = try LiveServers.value("MAILROOM_TEST_SERVERS_DIR")
        let name = "\(prefix.lowercased())-\(String(UInt32.random(in: 0...UInt32.max), radix: 36))"
        let password = "pw-\(UInt64.random(in: 0...UInt64.max))"
        let maildir = URL(fileURLWithPath: directory).appendingPathComponent("maildir/\(name)")
        for sub in ["", "cur", "new", "tmp"] {
            let folder = maildir.appendingPathComponent(sub)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            LiveServers.giveToMailOwner(folder.path)
        }
        try await UserFile.shared.append("\(name):{PLAIN}\(password)\n", to: directory + "/users")
        let user = MailUser(
            name: name, password: password, maildir: maildir.path,
            imapURL: try LiveServers.value("MAILROOM_TEST_IMAP_URL"))
        try await user.waitUntilKnown()
        return user
    }

    /// Dovecot checks the passwd-file for changes at most once a second: waits (up to 5 s) until a login works,
    /// so the first login of the test does not fail.
    private func waitUntilKnown() async throws {
        for attempt in 1...50 {
            let admin = try client()
            do {
                _ = try await admin.status()
                await admin.close()
                return
            } catch {
                await admin.close()
                if error != .authenticationFailed || attempt == 50 { throw error }
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    /// Delivers messages into one of the user's folders, as an MTA would.
    public func deliver(_ messages: [[UInt8]], folder: String = "INBOX") throws {
        try LiveServers.seed(messages, into: folder, maildir: maildir)
    }

    /// An IMAP client for one of the user's folders (plaintext on loopback).
    public func client(_ mailbox: String = "INBOX") throws -> IMAPClient {
        var configuration = try LiveServers.imap(
            tls: .none, credentials: .password(username: name, password: password))
        configuration.url = imapURL
        return try IMAPClient(configuration: configuration, mailbox: mailbox)
    }

    /// How many messages a folder holds now (0 when it does not exist).
    public func count(_ mailbox: String) async throws -> Int {
        let admin = try client()
        defer { Task { await admin.close() } }
        do {
            return try await admin.status(of: mailbox).messages
        } catch {
            if error == .mailboxNotFound || error.serverResponse?.contains("NONEXISTENT") == true { return 0 }
            throw error
        }
    }
}

/// Appends lines to the passwd-file one writer at a time.
private actor UserFile {
    static let shared = UserFile()

    func append(_ line: String, to path: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(line.utf8))
    }
}
