import Foundation

/// How a connection protects itself: STARTTLS/implicit TLS required (default), or plaintext when configured.
public enum TLSRequirement: String, Sendable {
    /// TLS required: STARTTLS on `imap://`/`smtp://`, implicit TLS on `imaps://`/`smtps://`.
    case required
    /// Plaintext allowed (only when configured explicitly, e.g. a local test server).
    case none
}

/// `imap.*` keys.
public struct IMAPSettings: Sendable {
    /// `imap.url`: `imap://host[:port]` (STARTTLS) or `imaps://host[:port]`.
    public var url: String
    /// `imap.username`.
    public var username: String
    /// `imap.password` (secret; `MAILROOM_IMAP_PASSWORD`).
    public var password: String?
    /// `imap.oauth2Token` (secret; `MAILROOM_IMAP_OAUTH2_TOKEN`): an XOAUTH2 bearer token instead of a password.
    public var oauth2Token: String?
    /// `imap.mailbox` (default `INBOX`).
    public var mailbox: String
    /// `imap.processedMailbox` (default `Processed`): committed mail is moved here, never deleted.
    public var processedMailbox: String
    /// `imap.tls`: `required` (default) or `none`.
    public var tls: TLSRequirement
    /// `imap.caFile`: a CA bundle to verify the server with (verification is always on).
    public var caFile: String?
    /// `imap.pollSeconds` (default 30): the polling interval when IDLE is unavailable.
    public var pollSeconds: Int
    /// `imap.idle` (default true): use IMAP IDLE when the server offers it.
    public var idle: Bool
    /// `imap.maxMessageBytes` (default 25 MiB): larger messages are not downloaded but quarantined.
    public var maxMessageBytes: Int
    /// `imap.timeoutSeconds` (default 30).
    public var timeoutSeconds: Int
}

/// Where mail comes from.
public enum SourceSettings: Sendable {
    /// An IMAP mailbox.
    case imap(IMAPSettings)
    /// A Maildir (`maildir.inbox`), e.g. where the MTA delivers, or the demo's embedded default.
    case maildir(path: String)

    init(fields: inout ConfigFields, resolve: (String) -> String) {
        let url = fields.string("imap.url")
        let maildir = fields.string("maildir.inbox")
        if url != nil, maildir != nil {
            fields.problem("maildir.inbox", "set either imap.url or maildir.inbox, not both")
        }
        guard let url else {
            if let maildir {
                self = .maildir(path: resolve(maildir))
            } else {
                fields.problem("imap.url", "missing: set imap.url (or maildir.inbox)")
                self = .maildir(path: resolve("maildir/inbox"))
            }
            return
        }
        let lower = url.lowercased()
        let clean = fields.refuseCredentials(
            in: url, key: "imap.url", instead: "imap.username and MAILROOM_IMAP_PASSWORD")
        if clean, !(lower.hasPrefix("imap://") || lower.hasPrefix("imaps://")) {
            fields.problem("imap.url", "'\(url)' must start with imap:// or imaps://")
        }
        let settings = IMAPSettings(
            url: url, username: fields.string("imap.username", required: true) ?? "",
            password: fields.string("imap.password", secret: true),
            oauth2Token: fields.string("imap.oauth2Token", secret: true),
            mailbox: fields.string("imap.mailbox") ?? "INBOX",
            processedMailbox: fields.string("imap.processedMailbox") ?? "Processed",
            tls: TLSRequirement(rawValue: fields.choice("imap.tls", ["required", "none"], default: "required"))
                ?? .required,
            caFile: fields.string("imap.caFile").map(resolve),
            pollSeconds: fields.int("imap.pollSeconds", default: 30, range: 1...3600),
            idle: fields.bool("imap.idle", default: true),
            maxMessageBytes: fields.int("imap.maxMessageBytes", default: 25 << 20, range: 1024...(1 << 30)),
            timeoutSeconds: fields.int("imap.timeoutSeconds", default: 30, range: 1...600))
        if settings.password == nil, settings.oauth2Token == nil {
            fields.problem("imap.password", "missing: set imap.password or imap.oauth2Token")
        }
        if let ca = settings.caFile, !FileManager.default.fileExists(atPath: ca) {
            fields.problem("imap.caFile", "\(ca) does not exist")
        }
        self = .imap(settings)
    }
}
