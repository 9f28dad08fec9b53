/// How to reach and log in to one SMTP server (a submission server or a relay).
public struct SMTPConfiguration: Sendable {
    /// The server, as `smtp://host[:port]` (STARTTLS per `tls`) or `smtps://host[:port]` (implicit TLS).
    public var url: String
    /// The login: password (PLAIN/LOGIN), OAuth2 bearer token (XOAUTH2), or none for a trusting relay.
    ///
    /// libcurl skips authentication when the server advertises no AUTH (e.g. before STARTTLS on a plain
    /// connection); with `tls: .required` the advertisement after STARTTLS is the one that counts.
    public var credentials: Credentials
    /// Which SASL mechanism password credentials use.
    public var authMechanism: AuthMechanism
    /// Whether an smtp:// connection must be upgraded with STARTTLS (the default) or may stay plain.
    public var tls: TLSPolicy
    /// A PEM file of CA certificates to trust instead of the system's.
    public var caFile: String?
    /// The name this client gives in EHLO; libcurl's default when nil.
    public var heloName: String?
    /// The longest wait for a connection (TCP, TLS and login).
    public var connectTimeout: Duration
    /// The longest one message transaction may take.
    public var operationTimeout: Duration

    /// Creates a configuration; only the URL and the credentials have no default.
    public init(
        url: String,
        credentials: Credentials,
        authMechanism: AuthMechanism = .automatic,
        tls: TLSPolicy = .required,
        caFile: String? = nil,
        heloName: String? = nil,
        connectTimeout: Duration = .seconds(15),
        operationTimeout: Duration = .seconds(120)
    ) {
        self.url = url
        self.credentials = credentials
        self.authMechanism = authMechanism
        self.tls = tls
        self.caFile = caFile
        self.heloName = heloName
        self.connectTimeout = connectTimeout
        self.operationTimeout = operationTimeout
    }

    var settings: CurlSettings {
        CurlSettings(
            credentials: credentials, authMechanism: authMechanism, tls: tls, caFile: caFile,
            connectTimeout: connectTimeout, operationTimeout: operationTimeout, maxIdleReuse: .seconds(60),
            receiveBufferSize: 64 * 1024)
    }

    /// The validated server URL without a trailing slash (`smtps://host:465`).
    func serverURL() throws(TransportError) -> String {
        try ServerURL.validated(url, schemes: ["smtp", "smtps"], plainScheme: "smtp", tls: tls)
    }
}
