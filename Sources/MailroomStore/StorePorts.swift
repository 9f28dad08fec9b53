import Foundation
import MailroomCore

/// The store's ports: what the gateway, the command line and the HTTP API ask of a store, whichever database is
/// behind it (``SQLiteStore``, the embedded default; the PostgreSQL store for several gateways on one database).
/// Every implementation passes the same conformance suite.
///
/// Intake: raw bytes stored once, and the mailbox checkpoint moved in the same transaction.
public protocol IntakeStore: Sendable {
    /// Stores a message and advances its mailbox checkpoint, in one transaction; a second ingest of the same
    /// message (same mailbox UID, or same content) stores nothing and still advances the checkpoint. A request
    /// with a fencing token is refused (``StoreError``, `locked`) when its mailbox lease has moved on.
    func ingest(_ request: IngestRequest) throws -> IngestResult
    /// Several ingests in one transaction; results in the order of `requests`.
    func ingest(_ requests: [IngestRequest]) throws -> [IngestResult]
    /// The checkpoint of a mailbox, or nil before its first message.
    func checkpoint(for mailbox: String) throws -> Checkpoint?
    /// Starts a new UID generation after the server changed UIDVALIDITY.
    func resetCheckpoint(for mailbox: String, uidValidity: UInt32, at date: Date) throws
    /// Records an entry of a mail source that could not be read; returns whether it was new.
    @discardableResult
    func recordIntakeSkip(source: String, entry: String, reason: String, at date: Date) throws -> Bool
    /// The entries of mail sources that could not be read, newest first.
    func intakeSkips() throws -> [IntakeSkip]
    /// Records a poll of a mailbox (its time and the error, if any).
    func recordPoll(mailbox: String, at date: Date, error: String?) throws
}

/// The right of one process to poll one mailbox, until `expiresAt`. Every new holder gets a larger `token`
/// (the fencing token): a holder that was presumed dead and comes back finds its token stale, and the store
/// refuses its checkpoint moves.
public struct MailboxLease: Sendable, Hashable {
    /// The mailbox (its checkpoint name).
    public var mailbox: String
    /// Who holds it (host, process and a random part).
    public var holder: String
    /// The fencing token: larger for every new holder of this mailbox.
    public var token: Int64
    /// When it lapses unless renewed.
    public var expiresAt: Date

    /// Creates a lease value.
    public init(mailbox: String, holder: String, token: Int64, expiresAt: Date) {
        self.mailbox = mailbox
        self.holder = holder
        self.token = token
        self.expiresAt = expiresAt
    }
}

/// Mailbox leases: each mailbox is polled by one process at a time; a dead holder's lease lapses after its
/// duration and another process takes over.
public protocol MailboxLeases: Sendable {
    /// Takes the lease of `mailbox` for `duration` when it is free or lapsed (or already ours: then renewed, same
    /// token); nil when another holder has it.
    func acquireLease(mailbox: String, holder: String, duration: Duration, now: Date) throws -> MailboxLease?
    /// Extends a lease we hold; nil when it was lost (lapsed and taken by someone else).
    func renewLease(_ lease: MailboxLease, duration: Duration, now: Date) throws -> MailboxLease?
    /// Gives the lease up (graceful shutdown), so another process takes over at once.
    func releaseLease(_ lease: MailboxLease) throws
    /// The current lease of `mailbox`, lapsed or not.
    func lease(mailbox: String) throws -> MailboxLease?
}

extension Duration {
    /// The duration in seconds, as a floating-point number.
    package var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

/// Processing: each stored message is turned into its outcome (ticket, events, outbox, counters) in one
/// transaction that reads it while it is still `received`; with several processes, each message is processed by
/// exactly one of them (the others skip it while it is locked, and find it processed afterwards).
public protocol ProcessingStore: Sendable {
    /// The oldest stored message still waiting to be processed, after `rowID`.
    func nextReceivedMessage(after rowID: Int64) throws -> Int64?
    /// How many stored messages wait to be processed.
    func receivedCount() throws -> Int
    /// Up to `limit` stored messages still waiting to be processed, oldest first, after `rowID`.
    func receivedMessages(after rowID: Int64, limit: Int) throws -> [Int64]
    /// The stored messages of `rowIDs` still waiting to be processed, read outside the processing transaction.
    func receivedMessages(rowIDs: [Int64]) throws -> [InboundMessage]
    /// Processes one stored message in one transaction; nil when it was already processed (or is being
    /// processed by another process).
    func process(
        rowID: Int64, now: Date, _ body: (InboundMessage, any GatewayLookup) throws -> ProcessingOutcome
    ) throws -> ProcessResult?
    /// Processes several stored messages in one transaction; a message whose `body` throws goes to `fallback`
    /// (which quarantines it); a database error writes nothing.
    func process(
        rowIDs: [Int64], now: Date, _ body: (InboundMessage, any GatewayLookup) throws -> ProcessingOutcome,
        fallback: (InboundMessage, any Error) throws -> ProcessingOutcome
    ) throws -> [ProcessResult]
    /// The same for messages read before the transaction (``receivedMessages(rowIDs:)``): each is checked again
    /// (still `received`, not taken by someone else) in the transaction, but its bytes are not read again.
    func process(
        messages: [InboundMessage], now: Date,
        _ body: (InboundMessage, any GatewayLookup) throws -> ProcessingOutcome,
        fallback: (InboundMessage, any Error) throws -> ProcessingOutcome
    ) throws -> [ProcessResult]
}

/// The outbox: durable outgoing mail, claimed for one attempt at a time (`sending`), never by two senders.
public protocol OutboxStore: Sendable {
    /// Claims up to `limit` due messages (queued, or deferred and due), oldest due first: marks them `sending`
    /// and counts the attempt.
    func claimDueOutbox(now: Date, limit: Int) throws -> [OutboxItem]
    /// Records several attempts (the results of several connections, by group commit) and claims up to `limit`
    /// due messages, in one transaction.
    func recordDeliveries(_ deliveries: [(outboxID: Int64, update: OutboxUpdate)], claiming limit: Int, now: Date)
        throws -> [OutboxItem]
    /// Records an attempt's result, with its audit event.
    func recordDelivery(outboxID: Int64, _ update: OutboxUpdate, now: Date) throws
    /// Puts a failed or deferred message back in the queue; false when there is none.
    func retryOutbox(id: Int64, now: Date, by person: String) throws -> Bool
    /// Puts every failed message back in the queue; returns how many.
    func retryFailedOutbox(now: Date, by person: String) throws -> Int
    /// Queues again the messages left `sending` by a gateway that is gone (one store: all of them, at start;
    /// several gateways: those whose gateway stopped its heartbeat); the same Message-ID is reused.
    func recoverInterruptedSends(now: Date) throws -> Int
    /// When the next pending message is due, if any.
    func nextOutboxAttempt() throws -> Date?
}

extension OutboxStore {
    /// Records an attempt's result and claims the next due message, in one transaction (one commit per message
    /// sent instead of two).
    public func recordDeliveryAndClaimNext(outboxID: Int64, _ update: OutboxUpdate, now: Date) throws -> OutboxItem? {
        try recordDeliveries([(outboxID, update)], claiming: 1, now: now).first
    }
}

/// Accounts and access tokens (only hashes are stored).
public protocol AccountStore: Sendable {
    /// Creates an account; ``StoreError`` (`conflict`) when the name is taken (in any case).
    func createAccount(name: String, role: Role, email: String?, passwordHash: String?, now: Date) throws -> Account
    /// Every account, by name.
    func accounts() throws -> [Account]
    /// The account named `name` (any case) with its password hash.
    func storedAccount(name: String) throws -> StoredAccount?
    /// Removes an account and its tokens; false when there is none.
    func removeAccount(name: String) throws -> Bool
    /// Changes an account's role; false when there is none.
    func setRole(name: String, role: Role) throws -> Bool
    /// Sets a new password hash and revokes every token of the account; false when there is none.
    func setPassword(name: String, hash: String, now: Date) throws -> Bool
    /// Records a login attempt; returns the failure count after it.
    @discardableResult
    func recordLogin(accountID: Int64, succeeded: Bool, lockAfter: Int, lockUntil: Date) throws -> Int
    /// Stores a token's hash for an account.
    func createToken(accountID: Int64, kind: TokenKind, hash: String, expiresAt: Date?, now: Date) throws
    /// The account and kind of a token hash neither revoked nor expired at `now`.
    func authenticate(tokenHash: String, now: Date) throws -> (account: Account, kind: TokenKind)?
    /// Revokes one token; false when it was unknown or already revoked.
    func revokeToken(hash: String, now: Date) throws -> Bool
}

/// Customer feedback from the links in our mail.
public protocol FeedbackStore: Sendable {
    /// Records an answer (a second one with the same nonce updates it); returns whether it was new.
    @discardableResult
    func recordFeedback(_ feedback: FeedbackRecord, now: Date) throws -> Bool
    /// The feedback on one ticket, oldest first.
    func feedback(ticket publicID: String) throws -> [FeedbackRecord]
}

/// The history of template edits.
public protocol TemplateStore: Sendable {
    /// Records a saved version of a template; returns its id.
    @discardableResult
    func recordTemplateVersion(language: String, name: String, text: String, html: String?, author: String, now: Date)
        throws -> Int64
    /// The versions of one template, newest first.
    func templateVersions(language: String, name: String) throws -> [TemplateVersion]
}

/// Curated knowledge: answers learned from tickets, reused only once a person approved them.
public protocol KnowledgeStore: Sendable {
    /// The approved entries.
    func knowledge() throws -> [KnowledgeEntry]
    /// The entries in `state` (all when nil), oldest first.
    func knowledgeEntries(state: KnowledgeState?) throws -> [KnowledgeEntry]
    /// One entry.
    func knowledgeEntry(id: Int64) throws -> KnowledgeEntry?
    /// What the personal-data screen found in an entry.
    func knowledgeFindings(id: Int64) throws -> [String]
    /// How often each entry was reused, by id.
    func knowledgeReuseCounts() throws -> [Int64: Int]
    /// Approves an entry unless the personal-data screen finds something.
    func approveKnowledge(id: Int64, by reviewer: String, now: Date) throws -> KnowledgeReview
    /// Rejects an entry.
    func rejectKnowledge(id: Int64, by reviewer: String, reason: String?, now: Date) throws -> KnowledgeReview
    /// Replaces an entry's answer (pending approval again).
    func editKnowledge(id: Int64, answer: String, by reviewer: String, now: Date) throws -> KnowledgeReview
    /// A stamp that changes whenever the approved knowledge does.
    func knowledgeStamp() throws -> KnowledgeStamp
    /// Stores approved entries with placeholder tickets (replay).
    func seedApprovedKnowledge(_ entries: [KnowledgeEntry], now: Date) throws
}

/// What agents and operators do to tickets and held messages (the API, the console, the command line).
public protocol ActionStore: Sendable {
    /// Runs `body` with a lookup over the store (outside processing).
    func read<T>(_ body: (any GatewayLookup) throws -> T) throws -> T
    /// Applies an agent's action (ticket, outbox, events) in one transaction.
    func applyAction(_ outcome: ProcessingOutcome, now: Date) throws
    /// The messages of a ticket, oldest first.
    func messages(ticket publicID: String) throws -> [StoredMessage]
    /// One stored message.
    func message(rowID: Int64) throws -> StoredMessage?
    /// The customer's latest own mail on a ticket.
    func lastCustomerMessage(ticket publicID: String) throws -> StoredMessage?
    /// Releases a held message for processing again.
    func releaseQuarantine(messageRowID: Int64, by person: String, now: Date) throws -> QuarantineAction
    /// Dismisses a held message (it stays stored).
    func dismissQuarantine(messageRowID: Int64, by person: String, reason: String, now: Date) throws
        -> QuarantineAction
}

/// What the alert monitor reads and records.
public protocol AlertStore: Sendable {
    /// What the channels look like at `now` (mailboxes, outbox, quarantine, escalations).
    func channelObservation(now: Date) throws -> ChannelObservation
    /// The last recorded state of each channel.
    func alertStates() throws -> [AlertChannel: StoredAlertState]
    /// How many alert mails were queued since `date`.
    func alertMails(since date: Date) throws -> Int
    /// Open tickets past an SLA target and not alerted yet, most overdue first.
    func slaBreaches(now: Date, limit: Int) throws -> [SLABreach]
    /// Records an alert: the channel's state, the mail (if any), the tickets it names, an audit event.
    func recordAlert(
        channel: String, health: ChannelHealth?, detail: String, draft: OutboxDraft?, tickets: [String], now: Date
    ) throws
}

/// Read-only views for the console, the API and the command line.
public protocol ViewStore: Sendable {
    /// The most recent tickets with their latest decision.
    func ticketSummaries(limit: Int) throws -> [TicketSummary]
    /// The ticket with this public id.
    func ticket(publicID: String) throws -> Ticket?
    /// The events of one stored message, oldest first.
    func messageEvents(rowID: Int64) throws -> [EventSummary]
    /// The audit trail of one ticket, oldest first.
    func events(ticket publicID: String) throws -> [EventSummary]
    /// Messages held for a person, newest first.
    func quarantined() throws -> [QuarantineSummary]
    /// Outgoing mail (in `states`, all when empty; of one ticket when given), newest first.
    func outboxSummaries(states: [OutboxState], ticket publicID: String?, limit: Int) throws -> [OutboxSummary]
    /// How many outgoing mails are in `states`.
    func outboxCount(states: [OutboxState]) throws -> Int
    /// How many stored messages are in each state.
    func messageCounts() throws -> [String: Int]
    /// The mailboxes with their checkpoints, by name.
    func mailboxes() throws -> [MailboxSummary]
    /// The bytes of an outgoing mail.
    func outboxRaw(id: Int64) throws -> [UInt8]?
}

/// Ticket lists and full-text search.
public protocol SearchStore: Sendable {
    /// One page of tickets matching `query`, newest first.
    func tickets(_ query: TicketQuery) throws -> TicketPage
}

/// The key figures: reports, the dashboard's series, and the rollups behind them.
public protocol KPIStore: Sendable {
    /// The key figures of tickets received in [since, until), as of `now`.
    func kpis(since: Date, until: Date, now: Date, quietHours: Int, source: KPISource) throws -> KPIReport
    /// Recomputes every rollup.
    func rebuildKPIRollups() throws
    /// Sets missing SLA due times; returns how many tickets got them.
    func fillSLADueTimes(_ policy: SLAPolicy) throws -> Int
    /// The figures of each day (or run of `bucketDays`) in [since, until).
    func kpiSeries(since: Date, until: Date, now: Date, quietHours: Int, bucketDays: Int) throws -> [KPIDay]
    /// Every non-zero daily rollup cell, by day (for checks: a rebuild and a copied store must match).
    func rollupCells() throws -> [String: [KPICell: Double]]
}

/// Everything a store does: what the gateway, the command line and the HTTP API are given.
public protocol MailroomStorage: IntakeStore, MailboxLeases, ProcessingStore, OutboxStore, AccountStore, FeedbackStore,
    TemplateStore, KnowledgeStore, ActionStore, AlertStore, ViewStore, SearchStore, KPIStore
{
    /// The names of the migrations applied, oldest first.
    func appliedMigrations() throws -> [String]
    /// Which database this is, without secrets (`sqlite:/path` or `postgresql://user@host:port/db`).
    var storeDescription: String { get }
    /// Whether several gateways may share this store (PostgreSQL), or it belongs to one process (SQLite).
    var isShared: Bool { get }
    /// Checks that the database answers (for `/ready`); throws ``StoreError`` when it does not.
    func checkReachable() throws
}

// The defaults callers rely on (protocol requirements cannot have default arguments).
extension ProcessingStore {
    /// The oldest stored message still waiting to be processed.
    public func nextReceivedMessage() throws -> Int64? { try nextReceivedMessage(after: 0) }
    /// Up to `limit` stored messages still waiting to be processed, oldest first.
    public func receivedMessages(limit: Int) throws -> [Int64] { try receivedMessages(after: 0, limit: limit) }
}

extension KnowledgeStore {
    /// Every entry, oldest first.
    public func knowledgeEntries() throws -> [KnowledgeEntry] { try knowledgeEntries(state: nil) }
}

extension AlertStore {
    /// Open tickets past an SLA target and not alerted yet (at most 200).
    public func slaBreaches(now: Date) throws -> [SLABreach] { try slaBreaches(now: now, limit: 200) }
    /// Records an alert that names no tickets.
    public func recordAlert(channel: String, health: ChannelHealth?, detail: String, draft: OutboxDraft?, now: Date)
        throws
    {
        try recordAlert(channel: channel, health: health, detail: detail, draft: draft, tickets: [], now: now)
    }
}

extension ViewStore {
    /// The 100 most recent tickets.
    public func ticketSummaries() throws -> [TicketSummary] { try ticketSummaries(limit: 100) }
    /// Outgoing mail in `states` (all when empty), of one ticket when given, newest first (at most `limit`).
    public func outboxSummaries(states: [OutboxState] = [], ticket publicID: String? = nil, limit: Int = 200) throws
        -> [OutboxSummary]
    {
        try outboxSummaries(states: states, ticket: publicID, limit: limit)
    }
}

extension KPIStore {
    /// The key figures from the rollups (72 quiet hours unless told).
    public func kpis(since: Date, until: Date, now: Date, quietHours: Int = 72) throws -> KPIReport {
        try kpis(since: since, until: until, now: now, quietHours: quietHours, source: .rollups)
    }
    /// The dashboard's daily series (72 quiet hours unless told).
    public func kpiSeries(since: Date, until: Date, now: Date, quietHours: Int = 72) throws -> [KPIDay] {
        try kpiSeries(since: since, until: until, now: now, quietHours: quietHours, bucketDays: 1)
    }
}
