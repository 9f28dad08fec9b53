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
