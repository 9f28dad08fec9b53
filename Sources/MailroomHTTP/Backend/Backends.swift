import Foundation
import MailroomCore

/// What the API needs from the rest of Mailroom, one protocol per resource (the shape of hummingbird-examples'
/// `TodoRepository`): the composition implements them over the store, the pipeline and the templates; the
/// controllers depend on nothing else. Every method may throw ``APIError`` for an answer the client should see.
public struct HTTPBackend: Sendable {
    /// Accounts, sessions and tokens.
    public var accounts: any AccountBackend
    /// Tickets: list, search, detail, web-form intake, actions, evaluation.
    public var tickets: any TicketBackend
    /// Quarantine and outbox.
    public var queues: any QueueBackend
    /// Learned answers.
    public var knowledge: any KnowledgeBackend
    /// Reply templates.
    public var templates: any TemplateBackend
    /// KPIs, readiness and metrics.
    public var insight: any InsightBackend
    /// Customer feedback from the links in our mail.
    public var feedback: any FeedbackBackend

    /// Creates the backend.
    public init(
        accounts: any AccountBackend, tickets: any TicketBackend, queues: any QueueBackend,
        knowledge: any KnowledgeBackend, templates: any TemplateBackend, insight: any InsightBackend,
        feedback: any FeedbackBackend
    ) {
        self.accounts = accounts
        self.tickets = tickets
        self.queues = queues
        self.knowledge = knowledge
        self.templates = templates
        self.insight = insight
        self.feedback = feedback
    }
}

/// Accounts, sessions and API tokens.
public protocol AccountBackend: Sendable {
    /// Checks a password and opens a session (slowed down and locked after repeated failures).
    func login(name: String, password: String) async throws -> LoginResult
    /// The identity of a session or API token, or nil when it is unknown, expired or revoked.
    func identity(token: String) async throws -> Identity?
    /// Ends a session (revokes the token).
    func logout(token: String) async throws
    /// Every account.
    func accounts() async throws -> [Account]
    /// Creates an account.
    func createAccount(_ request: NewUserRequest) async throws -> Account
    /// Removes an account and revokes its tokens; false when there is none.
    func removeAccount(name: String) async throws -> Bool
    /// Changes an account's own password (the current one must be right); every session of it ends.
    func changePassword(name: String, current: String, new: String) async throws
    /// Changes an account's role; false when there is none.
    func setRole(name: String, role: Role) async throws -> Bool
    /// Sets a new password for an account (an admin's reset); every session of it ends; false when there is none.
    func resetPassword(name: String, password: String) async throws -> Bool
}

/// Tickets.
public protocol TicketBackend: Sendable {
    /// A page of tickets.
    func tickets(_ filter: TicketFilter) async throws -> TicketList
    /// One ticket with its messages, audit trail and outgoing mail; nil when there is none.
    func ticket(_ publicID: String) async throws -> TicketDetail?
    /// A web form, stored and processed like mail (source `web`).
    func submit(_ form: WebFormRequest) async throws -> TicketCreated
    /// An action of a person on a ticket, through the same path as an agent's emailed answer.
    func act(on publicID: String, _ action: TicketAction, by identity: Identity) async throws -> ActionResult?
    /// What the pipeline would decide now for the ticket's last customer message; with `apply`, done.
    func evaluate(_ publicID: String, apply: Bool, by identity: Identity) async throws -> EvaluationView?
}

/// Quarantine and outbox.
public protocol QueueBackend: Sendable {
    /// Messages held for a person.
    func quarantine() async throws -> [QuarantineView]
    /// Processes a held message again; false when there is none.
    func release(_ id: Int64, by identity: Identity) async throws -> Bool
    /// Dismisses a held message with a reason; false when there is none.
    func dismiss(_ id: Int64, reason: String, by identity: Identity) async throws -> Bool
    /// The raw bytes of a stored message, for a download.
    func raw(_ id: Int64) async throws -> [UInt8]?
    /// Outgoing mail in a state (all when nil), newest first.
    func outbox(state: OutboxState?) async throws -> [OutboxView]
    /// Queues failed or deferred mail again; false when there is none in those states.
    func retry(_ id: Int64, by identity: Identity) async throws -> Bool
}

/// Learned answers.
public protocol KnowledgeBackend: Sendable {
    /// Entries in a state (all when nil).
    func entries(state: KnowledgeState?) async throws -> [KnowledgeView]
    /// Approves (after the personal-data screen).
    func approve(_ id: Int64, by identity: Identity) async throws -> KnowledgeReviewResult
    /// Rejects.
    func reject(_ id: Int64, reason: String?, by identity: Identity) async throws -> KnowledgeReviewResult
    /// Replaces the answer (pending again).
    func update(_ id: Int64, answer: String, by identity: Identity) async throws -> KnowledgeReviewResult
}

/// Reply templates.
public protocol TemplateBackend: Sendable {
    /// Every template, the missing ones, and the problems.
    func templates() async throws -> TemplateList
    /// One template's text; nil when there is none.
    func template(language: String, name: String) async throws -> TemplateText?
    /// Saves a template when it checks clean (refused with the problems otherwise).
    func save(language: String, name: String, _ text: TemplateText, by identity: Identity) async throws
        -> TemplateSaveResult
    /// Renders a template (given or stored) for a ticket or the sample context.
    func preview(_ request: PreviewRequest) async throws -> PreviewResponse
    /// The saved versions of a template, newest first.
    func history(language: String, name: String) async throws -> [TemplateVersionView]
    /// Saves an earlier version again (checked like any save); `notFound` when there is no such version.
    func rollback(language: String, name: String, version: Int64, by identity: Identity) async throws
        -> TemplateSaveResult
}

/// KPIs, readiness and metrics.
public protocol InsightBackend: Sendable {
    /// The key figures of a period.
    func kpis(since: Date, until: Date) async throws -> KPIReport
    /// The figures of each day (or each run of `bucketDays` days) of a period, oldest first, for charts.
    func series(since: Date, until: Date, bucketDays: Int) async throws -> [KPIDay]
    /// Whether the store answers and intake polled recently.
    func readiness() async -> Readiness
    /// The Prometheus text of Mailroom's own metrics.
    func metrics() async -> String
}

/// Customer feedback.
public protocol FeedbackBackend: Sendable {
    /// Records the answer of a feedback link; nil when the token is not ours.
    func answer(token: String, helpful: Bool) async throws -> FeedbackPage?
    /// Adds a rating (1-5) and a comment; nil when the token is not ours.
    func rate(token: String, rating: Int?, comment: String?) async throws -> FeedbackPage?
}
