import Foundation
import GRDB
import MailroomCore

/// An account with its password hash, for a login check.
public struct StoredAccount: Sendable {
    /// The account.
    public var account: Account
    /// The bcrypt hash, or nil for an account without a password (token only).
    public var passwordHash: String?
    /// Failed logins since the last success.
    public var failedLogins: Int

    /// Creates a value.
    public init(account: Account, passwordHash: String?, failedLogins: Int) {
        self.account = account
        self.passwordHash = passwordHash
        self.failedLogins = failedLogins
    }
}

extension SQLiteStore: AccountStore {
    /// Creates an account. Throws ``StoreError`` (`conflict`) when the name is taken.
    public func createAccount(name: String, role: Role, email: String?, passwordHash: String?, now: Date) throws
        -> Account
    {
        try StoreError.wrapping {
            try pool.write { db in
                guard try Int64.fetchOne(db, sql: "SELECT id FROM account WHERE name = ?", arguments: [name]) == nil
                else { throw StoreError.conflict("an account named \(name) exists") }
                try db.execute(
                    sql: """
                        INSERT INTO account (name, role, email, passwordHash, createdAt, passwordChangedAt)
                        VALUES (?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        name, role.rawValue, email, passwordHash, StoredDate.value(now),
                        passwordHash == nil ? nil : StoredDate.value(now),
                    ])
                return Account(id: db.lastInsertedRowID, name: name, role: role, email: email, createdAt: now)
            }
        }
    }

    /// Every account, by name.
    public func accounts() throws -> [Account] {
        try StoreError.wrapping {
            try pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM account ORDER BY name").map(Self.account) }
        }
    }

    /// The account named `name` (any case) with its password hash.
    public func storedAccount(name: String) throws -> StoredAccount? {
        try StoreError.wrapping {
            try pool.read { db in
                try Row.fetchOne(db, sql: "SELECT * FROM account WHERE name = ?", arguments: [name]).map {
                    StoredAccount(
                        account: Self.account($0), passwordHash: $0["passwordHash"], failedLogins: $0["failedLogins"])
                }
            }
        }
    }

    /// Removes an account and revokes its tokens (they are deleted with it); false when there is none.
    public func removeAccount(name: String) throws -> Bool {
        try StoreError.wrapping {
            try pool.write { db in
                try db.execute(sql: "DELETE FROM account WHERE name = ?", arguments: [name])
                return db.changesCount > 0
            }
        }
    }

    /// Changes an account's role (its sessions and tokens carry the new role from their next request, since every
    /// request reads the account); false when there is none.
    public func setRole(name: String, role: Role) throws -> Bool {
        try StoreError.wrapping {
            try pool.write { db in
                guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM account WHERE name = ?", arguments: [name])
                else { return false }
                try db.execute(sql: "UPDATE account SET role = ? WHERE id = ?", arguments: [role.rawValue, id])
                return true
            }
        }
    }

    /// Sets a new password hash and revokes every token of the account (sessions end); false when there is none.
    public func setPassword(name: String, hash: String, now: Date) throws -> Bool {
        try StoreError.wrapping {
            try pool.write { db in
                guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM account WHERE name = ?", arguments: [name])
                else { return false }
                try db.execute(
                    sql: """
                        UPDATE account SET passwordHash = ?, passwordChangedAt = ?, failedLogins = 0, lockedUntil = NULL
                        WHERE id = ?
                        """, arguments: [hash, StoredDate.value(now), id])
                try db.execute(
                    sql: "UPDATE accessToken SET revokedAt = ? WHERE accountId = ? AND revokedAt IS NULL",
                    arguments: [StoredDate.value(now), id])
                return true
            }
        }
    }

    /// Records a login attempt: a success clears the failure count; a failure counts and, at `lockAfter` failures,
    /// locks the account until `lockUntil`. Returns the failure count after the attempt.
    @discardableResult
    public func recordLogin(accountID: Int64, succeeded: Bool, lockAfter: Int, lockUntil: Date) throws -> Int {
        try StoreError.wrapping {
            try pool.write { db in
                if succeeded {
                    try db.execute(
                        sql: "UPDATE account SET failedLogins = 0, lockedUntil = NULL WHERE id = ?",
                        arguments: [accountID])
                    return 0
                }
                try db.execute(
                    sql: "UPDATE account SET failedLogins = failedLogins + 1 WHERE id = ?", arguments: [accountID])
                let failures =
                    try Int.fetchOne(
                        db, sql: "SELECT failedLogins FROM account WHERE id = ?", arguments: [accountID]) ?? 0
                if failures >= lockAfter {
                    try db.execute(
                        sql: "UPDATE account SET lockedUntil = ? WHERE id = ?", arguments: [lockUntil, accountID])
                }
                return failures
            }
        }
    }

    /// Stores a token (only its hash) for an account.
    public func createToken(accountID: Int64, kind: TokenKind, hash: String, expiresAt: Date?, now: Date) throws {
        try StoreError.wrapping {
            try pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO accessToken (accountId, kind, tokenHash, createdAt, expiresAt) VALUES (?, ?, ?, ?, ?)
                        """,
                    arguments: [accountID, kind.rawValue, hash, StoredDate.value(now), expiresAt.map(StoredDate.value)])
            }
        }
    }

    /// The account and token kind of a token hash that is neither revoked nor expired at `now`.
    public func authenticate(tokenHash: String, now: Date) throws -> (account: Account, kind: TokenKind)? {
        try StoreError.wrapping {
            try pool.read { db in
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT account.*, accessToken.kind AS tokenKind FROM accessToken
                        JOIN account ON account.id = accessToken.accountId
                        WHERE accessToken.tokenHash = ? AND accessToken.revokedAt IS NULL
                          AND (accessToken.expiresAt IS NULL OR accessToken.expiresAt > ?)
                        """, arguments: [tokenHash, StoredDate.value(now)])
                return row.map { (Self.account($0), TokenKind(rawValue: $0["tokenKind"]) ?? .session) }
            }
        }
    }

    /// Revokes one token; false when it was unknown or already revoked.
    public func revokeToken(hash: String, now: Date) throws -> Bool {
        try StoreError.wrapping {
            try pool.write { db in
                try db.execute(
                    sql: "UPDATE accessToken SET revokedAt = ? WHERE tokenHash = ? AND revokedAt IS NULL",
                    arguments: [StoredDate.value(now), hash])
                return db.changesCount > 0
            }
        }
    }

    static func account(_ row: Row) -> Account {
        Account(
            id: row["id"], name: row["name"], role: Role(rawValue: row["role"]) ?? .agent, email: row["email"],
            createdAt: row["createdAt"], lockedUntil: row["lockedUntil"])
    }
}
