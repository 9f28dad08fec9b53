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
    /// How agents' answers are authenticated (`agents.authentication`).
    public var agentAuthentication: AgentCheck.Authentication
    /// The template language when the detected one has none.
    public var defaultLanguage: String
    /// Limits for parsing stored messages.
    public var parseLimits: ParseLimits
    /// The SLA targets that set a ticket's due times.
    public var sla = SLAPolicy()
    /// Whether and how a language model's opinion is used (default: not at all).
    public var opinions = OpinionSettings()
    /// Where the feedback links of our mail point (`http.publicURL` + `/feedback/`), or nil for no links.
    public var feedbackBaseURL: String?
    /// The largest original attached whole to mail for the agents (`agents.maxAttachmentBytes`, default 10 MB);
    /// a larger one is attached as its first bytes with a note.
    public var maxAttachmentBytes: Int

    /// Creates settings.
    public init(
        supportAddress: String, companyName: String, agentsInbox: String, allowedAgents: [String],
        agentAuthentication: AgentCheck.Authentication = .required, defaultLanguage: String = "en",
        parseLimits: ParseLimits = .default, maxAttachmentBytes: Int = 10 << 20, feedbackBaseURL: String? = nil
    ) {
        self.feedbackBaseURL = feedbackBaseURL
        self.maxAttachmentBytes = maxAttachmentBytes
        self.supportAddress = supportAddress
        self.companyName = companyName
        self.agentsInbox = agentsInbox.lowercased()
        self.allowedAgents = Set(allowedAgents.map { $0.lowercased() })
        self.agentAuthentication = agentAuthentication
        self.defaultLanguage = defaultLanguage
        self.parseLimits = parseLimits
    }

    /// The domain of the support address.
    public var domain: String {
        supportAddress.split(separator: "@").last.map { $0.lowercased() } ?? "localhost"
    }
}
