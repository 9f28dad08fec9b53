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
    var seconds: Double {
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
}

/// The outbox: durable outgoing mail, claimed for one attempt at a time (`sending`), never by two senders.
public protocol OutboxStore: Sendable {
    /// Claims up to `limit` due messages (queued, or deferred and due), oldest due first: marks them `sending`
    /// and counts the attempt.
    func claimDueOutbox(now: Date, limit: Int) throws -> [OutboxItem]
    /// Records an attempt's result and claims the next due message, in one transaction.
    func recordDeliveryAndClaimNext(outboxID: Int64, _ update: OutboxUpdate, now: Date) throws -> OutboxItem?
    /// The same for several senders at once (group commit); results in the order given.
    func recordDeliveriesAndClaimNext(_ deliveries: [(outboxID: Int64, update: OutboxUpdate)], now: Date) throws
        -> [OutboxItem?]
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
