import Foundation

/// A set of test servers of its own (scripts/mail-servers/start in a temporary folder, on free ports), for a test
/// that stops or restarts them: the shared servers of the other tests are not touched.
public struct PrivateServers: Sendable {
    /// The folder `start` wrote (config, maildirs, the sink's folder, logs).
    public let directory: String
    /// `imap://127.0.0.1:PORT`.
    public let imapURL: String
    /// `smtp://127.0.0.1:PORT`.
    public let smtpURL: String
    /// The sink's Maildir.
    public let smtpOut: String
    /// The servers' IMAP user.
    public let user: MailUser

    /// Starts dovecot, the SMTP sink and the OAuth endpoint on free ports.
    public static func start() throws -> PrivateServers {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "mail-servers-\(UInt32.random(in: 0...UInt32.max))"
        ).path
        let names = ["IMAP", "IMAPS", "SMTP", "SMTPS", "OAUTH"]
        var environment: [String: String] = [:]
        for (name, port) in zip(names, freePorts(names.count)) { environment["MAILROOM_TEST_\(name)_PORT"] = "\(port)" }
        try LiveServers.runScript("start", directory: directory, environment: environment)
        let text = try String(contentsOfFile: directory + "/mail-servers.env", encoding: .utf8)
        var values: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: "=", maxSplits: 1)
            if parts.count == 2 { values[String(parts[0])] = String(parts[1]) }
        }
        let imapURL = values["MAILROOM_TEST_IMAP_URL"] ?? ""
        let user = MailUser(
            name: values["MAILROOM_TEST_USER"] ?? "support", password: values["MAILROOM_TEST_PASSWORD"] ?? "",
            maildir: values["MAILROOM_TEST_MAILDIR"] ?? "", imapURL: imapURL)
        return PrivateServers(
            directory: directory, imapURL: imapURL, smtpURL: values["MAILROOM_TEST_SMTP_URL"] ?? "",
            smtpOut: values["MAILROOM_TEST_SMTP_OUT"] ?? "", user: user)
    }

    /// Stops dovecot and starts it again (scripts/mail-servers/restart-imap).
    public func restartIMAP() throws {
        try LiveServers.runScript("restart-imap", directory: directory)
    }

    /// Stops everything and removes the folder.
    public func stop() {
        try? LiveServers.runScript("stop", directory: directory)
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// `count` distinct TCP ports on 127.0.0.1 that nobody listens on now (bound, read and closed again).
    public static func freePorts(_ count: Int) -> [Int] {
        var ports: [Int] = []
        while ports.count < count {
            let port = freePort()
            if port > 0, !ports.contains(port) { ports.append(port) }
        }
        return ports
    }

    /// A TCP port on 127.0.0.1 that nobody listens on now: a server that is down.
    public static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let found = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 && getsockname(fd, pointer, &length) == 0
            }
        }
        return found ? Int(UInt16(bigEndian: address.sin_port)) : 0
    }
}
