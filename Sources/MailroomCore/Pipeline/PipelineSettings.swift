import MailMessage

/// The fixed facts the pipeline works with, from the configuration.
public struct PipelineSettings: Sendable {
    /// The support address customers write to.
    public var supportAddress: String
    /// The company name (display name of our mail, templates).
    public var companyName: String
    /// Where escalations go.
    public var agentsInbox: String
    /// Who may answer customers by email (lowercased).
    public var allowedAgents: Set<String>
    /// The template language when the detected one has none.
    public var defaultLanguage: String
    /// Limits for parsing stored messages.
    public var parseLimits: ParseLimits

    /// Creates settings.
    public init(
        supportAddress: String, companyName: String, agentsInbox: String, allowedAgents: [String],
        defaultLanguage: String = "en", parseLimits: ParseLimits = .default
    ) {
        self.supportAddress = supportAddress
        self.companyName = companyName
        self.agentsInbox = agentsInbox
        self.allowedAgents = Set(allowedAgents.map { $0.lowercased() })
        self.defaultLanguage = defaultLanguage
        self.parseLimits = parseLimits
    }

    /// The domain of the support address.
    public var domain: String {
        supportAddress.split(separator: "@").last.map { $0.lowercased() } ?? "localhost"
    }
}
