import Foundation
import MailroomStore
import PostgresNIO

extension PostgresStore: MailboxLeases {
    /// Takes the lease when it is free, lapsed or ours, in one statement: the row lock makes two processes that
    /// try at once see each other (one gets it, the other nil).
    public func acquireLease(mailbox: String, holder: String, duration: Duration, now: Date) throws -> MailboxLease? {
        let expiresAt = now.addingTimeInterval(duration.seconds)
        return try connections.transaction(retrying: { $0.isRetryable || $0.isUniqueViolation }) { session in
            try session.query(
                """
                INSERT INTO mailboxLease (mailbox, holder, token, expiresAt) VALUES (\(mailbox), \(holder), 1, \(expiresAt))
                ON CONFLICT (mailbox) DO UPDATE SET
                  token = CASE WHEN mailboxLease.holder = excluded.holder THEN mailboxLease.token
                               ELSE mailboxLease.token + 1 END,
                  holder = excluded.holder, expiresAt = excluded.expiresAt
                WHERE mailboxLease.holder = excluded.holder OR mailboxLease.expiresAt <= \(now)
                RETURNING mailbox, holder, token, expiresAt
                """
            ).first.map(Self.lease)
        }
    }

    /// Extends our lease; nil when another holder took it.
    public func renewLease(_ lease: MailboxLease, duration: Duration, now: Date) throws -> MailboxLease? {
        let expiresAt = now.addingTimeInterval(duration.seconds)
        return try connections.transaction { session in
            try session.query(
                """
                UPDATE mailboxLease SET expiresAt = \(expiresAt)
                WHERE mailbox = \(lease.mailbox) AND holder = \(lease.holder) AND token = \(lease.token)
                RETURNING mailbox, holder, token, expiresAt
                """
            ).first.map(Self.lease)
        }
    }

    /// Lets the lease lapse now (the row stays, so the next holder's token is still larger).
    public func releaseLease(_ lease: MailboxLease) throws {
        let epoch = Date(timeIntervalSince1970: 0)
        try connections.transaction { session in
            try session.execute(
                """
                UPDATE mailboxLease SET expiresAt = \(epoch)
                WHERE mailbox = \(lease.mailbox) AND holder = \(lease.holder) AND token = \(lease.token)
                """)
        }
    }

    /// The current lease of `mailbox`.
    public func lease(mailbox: String) throws -> MailboxLease? {
        try connections.read { session in
            try session.query("SELECT mailbox, holder, token, expiresAt FROM mailboxLease WHERE mailbox = \(mailbox)")
                .first.map(Self.lease)
        }
    }

    private static func lease(_ row: PostgresRow) throws -> MailboxLease {
        MailboxLease(
            mailbox: try row.required(0), holder: try row.required(1), token: try row.required(2),
            expiresAt: try row.required(3))
    }

    /// Refuses a checkpoint move by a holder whose lease has moved on. The lease row stays share-locked until the
    /// transaction ends, so a takeover waits for this ingest to commit instead of racing it.
    static func checkFence(_ session: PostgresSession, mailbox: String, token: Int64) throws {
        let current = try session.scalar(
            "SELECT token FROM mailboxLease WHERE mailbox = \(mailbox) FOR SHARE", as: Int64.self)
        guard current == token else { throw StoreError.fenced(mailbox: mailbox, token: token, current: current) }
    }
}
