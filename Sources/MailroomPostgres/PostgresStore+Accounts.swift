import Foundation
import MailroomCore
import MailroomStore
import PostgresNIO

extension PostgresStore: AccountStore {
    private static let accountColumns = "id, name, role, email, createdAt, lockedUntil, passwordHash, failedLogins"

    /// Creates an account; names are unique in any case (a unique index on `lower(name)`).
    public func createAccount(name: String, role: Role, email: String?, passwordHash: String?, now: Date) throws
        -> Account
    {
        let changedAt = passwordHash == nil ? nil : now
        do {
            return try connections.transaction(retrying: { $0.isRetryable }) { session in
                guard
                    let id = try session.scalar(
                        """
                        INSERT INTO account (name, role, email, passwordHash, createdAt, passwordChangedAt)
                        VALUES (\(name), \(role.rawValue), \(email), \(passwordHash), \(now), \(changedAt))
                        ON CONFLICT DO NOTHING RETURNING id
                        """, as: Int64.self)
                else { throw StoreError.conflict("an account named \(name) exists") }
                return Account(id: id, name: name, role: role, email: email, createdAt: now)
            }
        }
    }

    /// Every account, by name (case-insensitively, as on SQLite).
    public func accounts() throws -> [Account] {
        try connections.read { session in
            try session.query(
                PostgresQuery(unsafeSQL: "SELECT \(Self.accountColumns) FROM account ORDER BY lower(name), name")
            ).map { try Self.stored($0).account }
        }
    }

    /// The account named `name` (any case) with its password hash.
    public func storedAccount(name: String) throws -> StoredAccount? {
        try connections.read { session in
            try session.query(
                PostgresQuery(
                    unsafeSQL: "SELECT \(Self.accountColumns) FROM account WHERE lower(name) = lower($1)",
                    binds: try PostgresLookup.binds(name))
            ).first.map(Self.stored)
        }
    }

    /// Removes an account and its tokens.
    public func removeAccount(name: String) throws -> Bool {
        try connections.transaction { session in
            try session.execute("DELETE FROM account WHERE lower(name) = lower(\(name))") > 0
        }
    }

    /// Changes an account's role.
    public func setRole(name: String, role: Role) throws -> Bool {
        try connections.transaction { session in
            try session.execute("UPDATE account SET role = \(role.rawValue) WHERE lower(name) = lower(\(name))") > 0
        }
    }

    /// Sets a new password hash and revokes every token of the account.
    public func setPassword(name: String, hash: String, now: Date) throws -> Bool {
        try connections.transaction { session in
            guard
                let id = try session.scalar(
                    """
                    UPDATE account SET passwordHash = \(hash), passwordChangedAt = \(now), failedLogins = 0,
                      lockedUntil = NULL
                    WHERE lower(name) = lower(\(name)) RETURNING id
                    """, as: Int64.self)
            else { return false }
            try session.execute(
                "UPDATE accessToken SET revokedAt = \(now) WHERE accountId = \(id) AND revokedAt IS NULL")
            return true
        }
    }

    /// Records a login attempt in one statement (two attempts at once both count).
    @discardableResult
    public func recordLogin(accountID: Int64, succeeded: Bool, lockAfter: Int, lockUntil: Date) throws -> Int {
        try connections.transaction { session in
            if succeeded {
                try session.execute("UPDATE account SET failedLogins = 0, lockedUntil = NULL WHERE id = \(accountID)")
                return 0
            }
            let failures =
                try session.scalar(
                    """
                    UPDATE account SET failedLogins = failedLogins + 1,
                      lockedUntil = CASE WHEN failedLogins + 1 >= \(Int32(clamping: lockAfter)) THEN \(lockUntil)
                                         ELSE lockedUntil END
                    WHERE id = \(accountID) RETURNING failedLogins
                    """, as: Int32.self) ?? 0
            return Int(failures)
        }
    }

    /// Stores a token's hash.
    public func createToken(accountID: Int64, kind: TokenKind, hash: String, expiresAt: Date?, now: Date) throws {
        try connections.transaction { session in
            try session.execute(
                """
                INSERT INTO accessToken (accountId, kind, tokenHash, createdAt, expiresAt)
                VALUES (\(accountID), \(kind.rawValue), \(hash), \(now), \(expiresAt))
                """)
        }
    }

    /// The account and kind of a live token.
    public func authenticate(tokenHash: String, now: Date) throws -> (account: Account, kind: TokenKind)? {
        try connections.read { session in
            guard
                let row = try session.query(
                    """
                    SELECT a.id, a.name, a.role, a.email, a.createdAt, a.lockedUntil, a.passwordHash, a.failedLogins,
                      k.kind
                    FROM accessToken k JOIN account a ON a.id = k.accountId
                    WHERE k.tokenHash = \(tokenHash) AND k.revokedAt IS NULL AND (k.expiresAt IS NULL OR k.expiresAt > \(now))
                    """
                ).first
            else { return nil }
            return (try Self.stored(row).account, TokenKind(rawValue: try row.required(8)) ?? .session)
        }
    }

    /// Revokes one token.
    public func revokeToken(hash: String, now: Date) throws -> Bool {
        try connections.transaction { session in
            try session.execute(
                "UPDATE accessToken SET revokedAt = \(now) WHERE tokenHash = \(hash) AND revokedAt IS NULL") > 0
        }
    }

    private static func stored(_ row: PostgresRow) throws -> StoredAccount {
        let account = Account(
            id: try row.required(0), name: try row.required(1), role: Role(rawValue: try row.required(2)) ?? .agent,
            email: try row.value(3), createdAt: try row.required(4), lockedUntil: try row.value(5))
        return StoredAccount(
            account: account, passwordHash: try row.value(6), failedLogins: Int(try row.required(7, as: Int32.self)))
    }
}

extension PostgresStore: FeedbackStore {
    /// Records an answer; the ticket's KPI rollups move with it.
    @discardableResult
    public func recordFeedback(_ feedback: FeedbackRecord, now: Date) throws -> Bool {
        try connections.transaction(retrying: { $0.isRetryable || $0.isUniqueViolation }) { session in
            guard
                let ticketID = try session.scalar(
                    "SELECT id FROM ticket WHERE publicId = \(feedback.ticketPublicID) FOR UPDATE", as: Int64.self)
            else { throw StoreError.missingRow("ticket \(feedback.ticketPublicID)") }
            let before = try PostgresKPIs.facts(session, publicID: feedback.ticketPublicID)
            let answer = feedback.helpful ? "yes" : "no"
            let rating = feedback.rating.map { Int32(clamping: $0) }
            let isNew =
                try session.scalar(
                    """
                    INSERT INTO feedback (ticketId, nonce, answer, rating, comment, createdAt, updatedAt)
                    VALUES (\(ticketID), \(feedback.nonce), \(answer), \(rating), \(feedback.comment), \(now), \(now))
                    ON CONFLICT (ticketId, nonce) DO UPDATE SET answer = excluded.answer,
                      rating = COALESCE(excluded.rating, feedback.rating),
                      comment = COALESCE(excluded.comment, feedback.comment), updatedAt = excluded.updatedAt
                    RETURNING (xmax = 0)
                    """, as: Bool.self) ?? false
            try PostgresKPIs.move(
                session, from: before, to: try PostgresKPIs.facts(session, publicID: feedback.ticketPublicID))
            return isNew
        }
    }

    /// The feedback on one ticket, oldest first.
    public func feedback(ticket publicID: String) throws -> [FeedbackRecord] {
        try connections.read { session in
            try session.query(
                """
                SELECT f.nonce, f.answer, f.rating, f.comment FROM feedback f JOIN ticket t ON t.id = f.ticketId
                WHERE t.publicId = \(publicID) ORDER BY f.id
                """
            ).map {
                FeedbackRecord(
                    ticketPublicID: publicID, nonce: try $0.required(0),
                    helpful: try $0.required(1, as: String.self) == "yes",
                    rating: try $0.value(2, as: Int32.self).map(Int.init), comment: try $0.value(3))
            }
        }
    }
}

extension PostgresStore: TemplateStore {
    /// Records a saved version of a template.
    @discardableResult
    public func recordTemplateVersion(
        language: String, name: String, text: String, html: String?, author: String, now: Date
    ) throws -> Int64 {
        try connections.transaction { session in
            guard
                let id = try session.scalar(
                    """
                    INSERT INTO templateVersion (language, name, text, html, author, createdAt)
                    VALUES (\(language), \(name), \(text), \(html), \(author), \(now)) RETURNING id
                    """, as: Int64.self)
            else { throw StoreError.missingRow("template version") }
            return id
        }
    }

    /// The versions of one template, newest first.
    public func templateVersions(language: String, name: String) throws -> [TemplateVersion] {
        try connections.read { session in
            try session.query(
                """
                SELECT id, language, name, text, html, author, createdAt FROM templateVersion
                WHERE language = \(language) AND name = \(name) ORDER BY id DESC
                """
            ).map {
                TemplateVersion(
                    id: try $0.required(0), language: try $0.required(1), name: try $0.required(2),
                    text: try $0.required(3), html: try $0.value(4), author: try $0.required(5),
                    createdAt: try $0.required(6))
            }
        }
    }
}
