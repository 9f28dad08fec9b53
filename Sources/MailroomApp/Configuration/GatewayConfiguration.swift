import Configuration
import Foundation
import MailroomHTTP

/// Everything `mailroom run` needs, read from `config/mailroom.yaml` with environment variables over the file
/// (`MAILROOM_` + the key in upper snake case: `imap.password` -> `MAILROOM_IMAP_PASSWORD`).
public struct GatewayConfiguration: Sendable {
    /// Live (send mail) or shadow (run every decision, send nothing).
    public enum Mode: String, Sendable {
        /// Send replies and escalations.
        case live
        /// Decide and record, but send nothing: what would have been sent stays in the outbox as `shadow`.
        case shadow
    }

    /// `mailroom.*`: identity and behaviour.
    public var mailroom: MailroomSettings
    /// `store.*`: the SQLite file or the PostgreSQL database.
    public var store: StoreSettings
    /// `store.path`: the SQLite file (for a PostgreSQL store, the path it would have; commands that need a file
    /// say so).
    public var storePath: String {
        get { store.sqlitePath ?? "" }
        set { store.kind = .sqlite(path: newValue) }
    }
    /// Where mail comes from: IMAP (`imap.*`) or a Maildir (`maildir.inbox`).
    public var source: SourceSettings
    /// Where mail goes: SMTP (`smtp.*`) or a Maildir (`maildir.outbox`).
    public var sink: SinkSettings
    /// `agents.*`.
    public var agents: AgentSettings
    /// `triage.*`.
    public var triage: TriageSettings
    /// `triage.backend`, `triage.requireAgreement` and `llm.*`: the optional language model.
    public var llm: LLMConfiguration
    /// `templates.path`: the reply templates; nil uses the templates built into Mailroom.
    public var templatesPath: String?
    /// `tokens.secret` (secret): signs Message-IDs and reply tokens.
    public var tokenSecret: String
    /// `outbox.*`.
    public var outbox: OutboxSettings
    /// `limits.*`.
    public var limits: LimitSettings
    /// `metrics.path`: a Prometheus text file rewritten after every cycle (empty: none).
    public var metricsPath: String?
    /// `alerts.silenceMinutes`: warn when no mail arrived for this long (0 = off).
    public var silenceMinutes: Int { alerts.silenceMinutes }
    /// `alerts.*`.
    public var alerts: AlertSettings
    /// `kpis.*` and `sla.*`.
    public var kpis: KPISettings
    /// `http.*`: the API and pages, when `http.port` is set.
    public var http: HTTPSettings?

    /// Reads every key, collecting all problems. Relative paths are resolved against `baseDirectory`.
    init(fields: inout ConfigFields, baseDirectory: URL) {
        func path(_ value: String) -> String {
            value.hasPrefix("/") ? value : baseDirectory.appendingPathComponent(value).standardized.path
        }
        mailroom = MailroomSettings(fields: &fields)
        store = StoreSettings(fields: &fields, resolve: path)
        source = SourceSettings(fields: &fields, resolve: path)
        sink = SinkSettings(fields: &fields, resolve: path)
        agents = AgentSettings(fields: &fields)
        triage = TriageSettings(fields: &fields, resolve: path)
        llm = LLMConfiguration(fields: &fields, resolve: path)
        templatesPath = fields.string("templates.path").map(path)
        tokenSecret = fields.string("tokens.secret", required: true, secret: true) ?? ""
        if !tokenSecret.isEmpty, tokenSecret.utf8.count < 16 {
            fields.problem("tokens.secret", "too short: use at least 16 characters (32 random bytes recommended)")
        } else if tokenSecret.hasPrefix("change-me") {
            fields.problem("tokens.secret", "still the example value: set MAILROOM_TOKENS_SECRET to a random secret")
        }
        outbox = OutboxSettings(fields: &fields)
        limits = LimitSettings(fields: &fields)
        metricsPath = fields.string("metrics.path").map(path)
        alerts = AlertSettings(fields: &fields)
        kpis = KPISettings(fields: &fields)
        http = HTTPSettings.read(&fields)
        checkAgentAuthentication(&fields)
    }

    /// Agents' answers need proof: a trusted receiving server, or an explicit `agents.authentication: none`.
    private func checkAgentAuthentication(_ fields: inout ConfigFields) {
        guard !agents.allowed.isEmpty else { return }
        switch agents.authentication {
        case .required where mailroom.authservID == nil:
            fields.problem(
                "agents.authentication",
                "agents.allowed can answer customers, but no receiving server vouches for them: set "
                    + "mailroom.authservId (the authserv-id your mail server writes in Authentication-Results), or "
                    + "say agents.authentication: none to accept unauthenticated agents' answers")
        case .none:
            fields.warning(
                "agents.authentication",
                "none: anyone who knows an agent's address and the agents' reply address can answer customers "
                    + "in the company's name")
        default: break
        }
    }
}

/// `mailroom.*` keys.
public struct MailroomSettings: Sendable {
    /// `mailroom.supportAddress` (required): the address customers write to, e.g. `support@shop.example`.
    public var supportAddress: String
    /// `mailroom.authservId`: the authserv-id of the receiving server whose Authentication-Results are trusted.
    public var authservID: String?
    /// `mailroom.mode`: `live` (default) or `shadow`.
    public var mode: GatewayConfiguration.Mode
    /// `mailroom.companyName`: shown in templates (default: the support address's domain).
    public var companyName: String
    /// `mailroom.instanceId`: marks our own mail (`X-Mailroom-Loop`); default: the support address's domain.
    public var instanceID: String
    /// `mailroom.defaultLanguage`: the template language when the detected one has none (default `en`).
    public var defaultLanguage: String

    /// The domain of the support address.
    public var domain: String {
        supportAddress.split(separator: "@").last.map(String.init)?.lowercased() ?? "localhost"
    }

    init(fields: inout ConfigFields) {
        supportAddress = fields.string("mailroom.supportAddress", required: true) ?? ""
        if !supportAddress.isEmpty, !Self.isAddress(supportAddress) {
            fields.problem("mailroom.supportAddress", "'\(supportAddress)' is not an email address")
        }
        authservID = fields.string("mailroom.authservId")
        mode =
            GatewayConfiguration.Mode(rawValue: fields.choice("mailroom.mode", ["live", "shadow"], default: "live"))
            ?? .live
        let domain = supportAddress.split(separator: "@").last.map(String.init) ?? "localhost"
        companyName = fields.string("mailroom.companyName") ?? domain
        instanceID = fields.string("mailroom.instanceId") ?? domain
        defaultLanguage = fields.string("mailroom.defaultLanguage") ?? "en"
    }

    static func isAddress(_ value: String) -> Bool {
        let parts = value.split(separator: "@", omittingEmptySubsequences: false)
        return parts.count == 2 && !parts[0].isEmpty && parts[1].contains(".")
            && !value.contains(where: { $0.isWhitespace || $0 == "<" || $0 == ">" })
    }
}
