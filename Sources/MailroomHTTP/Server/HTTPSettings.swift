/// The HTTP side's settings (`http.*`).
public struct HTTPSettings: Sendable {
    /// `http.host` (default 127.0.0.1).
    public var host: String
    /// `http.port`.
    public var port: Int
    /// `http.publicURL`: where customers and agents reach Mailroom (feedback links, cookies' `Secure`).
    public var publicURL: String?
    /// `http.publicIntake`: accept web forms without an intake token (rate-limited).
    public var publicIntake: Bool
    /// `http.sessionHours` (default 12).
    public var sessionHours: Int
    /// `http.opsToken` (secret): a machine token with the manager role.
    public var opsToken: String?
    /// `http.metricsToken` (secret): when set, `/metrics` needs it as a bearer token.
    public var metricsToken: String?
    /// Web forms accepted per client address per minute (`http.intakePerMinute`, default 10).
    public var intakePerMinute: Int
    /// Web forms accepted per email address per hour (`http.intakePerAddressPerHour`, default 5).
    public var intakePerAddressPerHour: Int

    /// Creates settings.
    public init(
        host: String = "127.0.0.1", port: Int, publicURL: String? = nil, publicIntake: Bool = false,
        sessionHours: Int = 12, opsToken: String? = nil, metricsToken: String? = nil, intakePerMinute: Int = 10,
        intakePerAddressPerHour: Int = 5
    ) {
        self.host = host
        self.port = port
        self.publicURL = publicURL
        self.publicIntake = publicIntake
        self.sessionHours = sessionHours
        self.opsToken = opsToken
        self.metricsToken = metricsToken
        self.intakePerMinute = intakePerMinute
        self.intakePerAddressPerHour = intakePerAddressPerHour
    }
}
