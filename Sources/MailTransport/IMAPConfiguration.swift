import Foundation

/// How to reach and log in to one IMAP server.
public struct IMAPConfiguration: Sendable {
    /// The server, as `imap://host[:port]` (STARTTLS per `tls`) or `imaps://host[:port]` (implicit TLS).
    public var url: String
    /// The login: password (PLAIN/LOGIN) or OAuth2 bearer token (XOAUTH2).
    public var credentials: Credentials
    /// Which SASL mechanism password credentials use.
    public var authMechanism: AuthMechanism
    /// Whether an imap:// connection must be upgraded with STARTTLS (the default) or may stay plain.
    public var tls: TLSPolicy
    /// A PEM file of CA certificates to trust instead of the system's (a private CA, a test server).
    public var caFile: String?
    /// The longest wait for a connection (TCP, TLS and login).
    public var connectTimeout: Duration
    /// The longest one command may take, including a whole message download.
    public var operationTimeout: Duration
    /// The largest message `fetch` downloads; larger ones are reported as `FetchOutcome.tooLarge`.
    public var maxMessageSize: Int
    /// How often and how long to retry an operation whose connection failed.
    public var reconnect: Backoff

    /// Creates a configuration; only the URL and the credentials have no default.
    public init(
        url: String,
        credentials: Credentials,
        authMechanism: AuthMechanism = .automatic,
        tls: TLSPolicy = .required,
        caFile: String? = nil,
        connectTimeout: Duration = .seconds(15),
        operationTimeout: Duration = .seconds(300),
        maxMessageSize: Int = 50 * 1024 * 1024,
        reconnect: Backoff = Backoff()
    ) {
        self.url = url
        self.credentials = credentials
        self.authMechanism = authMechanism
        self.tls = tls
        self.caFile = caFile
        self.connectTimeout = connectTimeout
        self.operationTimeout = operationTimeout
        self.maxMessageSize = maxMessageSize
        self.reconnect = reconnect
    }

    var settings: CurlSettings {
        CurlSettings(
            credentials: credentials, authMechanism: authMechanism, tls: tls, caFile: caFile,
            connectTimeout: connectTimeout, operationTimeout: operationTimeout, maxIdleReuse: .seconds(25 * 60))
    }

    /// The validated server URL without a trailing slash (`imaps://host:993`).
    func serverURL() throws(TransportError) -> String {
        try ServerURL.validated(url, schemes: ["imap", "imaps"], plainScheme: "imap", tls: tls)
    }
}

/// Validation and building of the server URLs handed to libcurl.
enum ServerURL {
    /// Checks the scheme and that there is a host and nothing after it; returns the URL without a trailing slash.
    static func validated(
        _ text: String, schemes: Set<String>, plainScheme: String, tls: TLSPolicy
    ) throws(TransportError) -> String {
        var trimmed = text.trimmingCharacters(in: .whitespaces)
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased(),
            schemes.contains(scheme), let host = components.host, !host.isEmpty,
            components.path.isEmpty, components.query == nil, components.user == nil
        else {
            let expected = schemes.sorted().map { "\($0)://host[:port]" }.joined(separator: " or ")
            throw TransportError(
                .invalidConfiguration, transient: false,
                message: "The server URL \"\(text)\" is not valid: expected \(expected), with no path or login in it.")
        }
        return trimmed
    }

    /// The URL of a mailbox: the name in modified UTF-7, percent-encoded for the URL path.
    static func mailbox(_ server: String, _ mailbox: String) -> String {
        server + "/" + percentEncode(ModifiedUTF7.encode(mailbox))
    }

    /// Percent-encodes everything but RFC 3986 unreserved characters (so `/`, `;`, `%`, `?` and spaces too).
    static func percentEncode(_ text: String) -> String {
        var output = ""
        for byte in text.utf8 {
            let character = Character(Unicode.Scalar(byte))
            if byte < 0x80 && (character.isLetter || character.isNumber || "-._~".contains(character)) {
                output.append(character)
            } else {
                output += String(format: "%%%02X", byte)
            }
        }
        return output
    }

    /// An IMAP quoted string: `"Sent \"mail\""`.
    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
