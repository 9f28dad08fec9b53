import Foundation
import GRDB

extension SQLiteStore: MailboxLeases {
    /// Takes the lease when it is free, lapsed or ours (see ``MailboxLeases``). One SQLite file serves one
    /// gateway (``StoreLock``), so the lease is mostly bookkeeping here; it behaves exactly as on PostgreSQL.
    public func acquireLease(mailbox: String, holder: String, duration: Duration, now: Date) throws -> MailboxLease? {
        let expiresAt = now.addingTimeInterval(duration.seconds)
        return try StoreError.wrapping {
            try pool.write { db in
                try Row.fetchOne(
                    db,
                    sql: """
                        INSERT INTO mailboxLease (mailbox, holder, token, expiresAt) VALUES (?, ?, 1, ?)
                        ON CONFLICT (mailbox) DO UPDATE SET
                          token = CASE WHEN holder = excluded.holder THEN token ELSE token + 1 END,
                          holder = excluded.holder, expiresAt = excluded.expiresAt
                        WHERE holder = excluded.holder OR expiresAt <= ?
                        RETURNING mailbox, holder, token, expiresAt
                        """, arguments: [mailbox, holder, StoredDate.value(expiresAt), StoredDate.value(now)]
                ).map(Self.lease)
            }
        }
    }

    /// Extends our lease; nil when another holder took it.
    public func renewLease(_ lease: MailboxLease, duration: Duration, now: Date) throws -> MailboxLease? {
        let expiresAt = now.addingTimeInterval(duration.seconds)
        return try StoreError.wrapping {
            try pool.write { db in
                try Row.fetchOne(
                    db,
                    sql: """
                        UPDATE mailboxLease SET expiresAt = ? WHERE mailbox = ? AND holder = ? AND token = ?
                        RETURNING mailbox, holder, token, expiresAt
                        """, arguments: [StoredDate.value(expiresAt), lease.mailbox, lease.holder, lease.token]
                ).map(Self.lease)
            }
        }
    }

    /// Lets the lease lapse now (the row stays, so the next holder's token is still larger).
    public func releaseLease(_ lease: MailboxLease) throws {
        try StoreError.wrapping {
            try pool.write { db in
                try db.execute(
                    sql: "UPDATE mailboxLease SET expiresAt = ? WHERE mailbox = ? AND holder = ? AND token = ?",
                    arguments: [
                        StoredDate.value(Date(timeIntervalSince1970: 0)), lease.mailbox, lease.holder, lease.token,
                    ])
            }
        }
    }

    /// The current lease of `mailbox`.
    public func lease(mailbox: String) throws -> MailboxLease? {
        try StoreError.wrapping {
            try pool.read { db in
                try Row.fetchOne(
                    db, sql: "SELECT mailbox, holder, token, expiresAt FROM mailboxLease WHERE mailbox = ?",
                    arguments: [mailbox]
                ).map(Self.lease)
            }
        }
    }

    private static func lease(_ row: Row) -> MailboxLease {
        MailboxLease(mailbox: row[0], holder: row[1], token: row[2], expiresAt: row[3])
    }

    /// Refuses a checkpoint move by a holder whose lease has moved on.
    static func checkFence(_ db: Database, mailbox: String, token: Int64) throws {
        let current = try Int64.fetchOne(
            db.cachedStatement(sql: "SELECT token FROM mailboxLease WHERE mailbox = ?"), arguments: [mailbox])
        guard current == token else { throw StoreError.fenced(mailbox: mailbox, token: token, current: current) }
    }
}

extension StoreError {
    /// A poller's lease of `mailbox` moved to another holder (its `token` is stale): it must stop polling.
    public static func fenced(mailbox: String, token: Int64, current: Int64?) -> StoreError {
        locked(
            "the lease of mailbox \(mailbox) has moved to another gateway (our token \(token), now "
                + "\(current.map(String.init) ?? "none")); this gateway stops polling it")
    }
}
