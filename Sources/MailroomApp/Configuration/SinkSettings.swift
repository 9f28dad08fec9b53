import Foundation

/// `smtp.*` keys.
public struct SMTPSettings: Sendable {
    /// `smtp.url`: `smtp://host[:port]` (STARTTLS) or `smtps://host[:port]`.
    public var url: String
    /// `smtp.username` (optional: servers without AUTH).
    public var username: String?
    /// `smtp.password` (secret; `MAILROOM_SMTP_PASSWORD`).
    public var password: String?
    /// `smtp.oauth2Token` (secret): XOAUTH2 bearer token.
    public var oauth2Token: String?
    /// `smtp.tls`: `required` (default) or `none`.
    public var tls: TLSRequirement
    /// `smtp.caFile`: a CA bundle to verify the server with.
    public var caFile: String?
    /// `smtp.timeoutSeconds` (default 30).
    public var timeoutSeconds: Int
    /// `smtp.connections` (default ``defaultConnections``, 1-16): how many SMTP connections send at the same
    /// time, each mail on one of them.
    public var connections: Int = SMTPSettings.defaultConnections

    /// The default number of SMTP connections, measured with bench/e2e (2,000 mails, three runs each): 4 gave
    /// 344-440 msg/s, 8 gave 406-444, 16 gave 434-475 but more load on the relay and more memory.
    public static let defaultConnections = 8
}

/// Where mail goes.
public enum SinkSettings: Sendable {
    /// An SMTP server.
    case smtp(SMTPSettings)
    /// A Maildir (`maildir.outbox`): each message a file, for the demo or a local MTA pickup.
    case maildir(path: String)

    init(fields: inout ConfigFields, resolve: (String) -> String) {
        let url = fields.string("smtp.url")
        let maildir = fields.string("maildir.outbox")
        if url != nil, maildir != nil {
            fields.problem("maildir.outbox", "set either smtp.url or maildir.outbox, not both")
        }
        guard let url else {
            if let maildir {
                self = .maildir(path: resolve(maildir))
            } else {
                fields.problem("smtp.url", "missing: set smtp.url (or maildir.outbox)")
                self = .maildir(path: resolve("maildir/outbox"))
            }
            return
        }
        let lower = url.lowercased()
        let clean = fields.refuseCredentials(
            in: url, key: "smtp.url", instead: "smtp.username and MAILROOM_SMTP_PASSWORD")
        if clean, !(lower.hasPrefix("smtp://") || lower.hasPrefix("smtps://")) {
            fields.problem("smtp.url", "'\(url)' must start with smtp:// or smtps://")
        }
        let settings = SMTPSettings(
            url: url, username: fields.string("smtp.username"), password: fields.string("smtp.password", secret: true),
            oauth2Token: fields.string("smtp.oauth2Token", secret: true),
            tls: TLSRequirement(rawValue: fields.choice("smtp.tls", ["required", "none"], default: "required"))
                ?? .required,
            caFile: fields.string("smtp.caFile").map(resolve),
            timeoutSeconds: fields.int("smtp.timeoutSeconds", default: 30, range: 1...600),
            connections: fields.int("smtp.connections", default: SMTPSettings.defaultConnections, range: 1...16))
        if let ca = settings.caFile, !FileManager.default.fileExists(atPath: ca) {
            fields.problem("smtp.caFile", "\(ca) does not exist")
        }
        self = .smtp(settings)
    }
}
