/// How a client proves who it is to a mail server.
public enum Credentials: Sendable, Equatable {
    /// A username and password, sent with SASL PLAIN or LOGIN (or IMAP LOGIN), per `AuthMechanism`.
    case password(username: String, password: String)
    /// A username and an OAuth2 access token, sent with SASL XOAUTH2 (Microsoft 365, Gmail).
    ///
    /// The token is used as given: refreshing it before it expires is the caller's job.
    case oauth2(username: String, bearerToken: String)
    /// No authentication (an SMTP relay that trusts the network, or a test sink).
    case none

    /// The username, when there is one.
    public var username: String? {
        switch self {
        case .password(let username, _), .oauth2(let username, _): username
        case .none: nil
        }
    }
}

/// Which SASL mechanism to use with password credentials.
public enum AuthMechanism: String, Sendable, Equatable, CaseIterable {
    /// The strongest mechanism both sides support (libcurl's choice among what the server advertises).
    case automatic
    /// SASL PLAIN.
    case plain
    /// SASL LOGIN (and the IMAP LOGIN command when the server has no SASL).
    case login
}

/// Whether a connection on a plain port (imap://, smtp://) must be upgraded with STARTTLS.
///
/// imaps:// and smtps:// URLs always use implicit TLS, whatever this says.
public enum TLSPolicy: String, Sendable, Equatable, CaseIterable {
    /// STARTTLS is required: a server that does not offer it is an error (`TransportError.tlsUnavailable`).
    case required
    /// No TLS on a plain URL: credentials and mail travel in clear text. Only for loopback or test servers.
    case none
}
