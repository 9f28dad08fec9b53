import Crypto
import Foundation
import HummingbirdBcrypt
import Logging
import MailroomCore
import MailroomHTTP
import MailroomStore

/// Accounts for the API and the console: passwords hashed with bcrypt, tokens random (32 bytes) and stored only
/// as SHA-256 hashes; sessions expire after `http.sessionHours`; logout, a password change and removing the account
/// revoke them. Failed logins are slowed down (0.25 s more per failure, at most 2 s) and, after
/// ``lockAfter`` in a row, the account is locked for ``lockMinutes`` (logged as a warning).
struct AccountService: AccountBackend {
    let store: any MailroomStorage
    let sessionHours: Int
    let logger: Logger
    let now: @Sendable () -> Date
    /// Failed logins in a row that lock an account.
    static let lockAfter = 5
    /// How long a lock lasts.
    static let lockMinutes = 15
    /// The bcrypt cost (2^10 rounds: about 70 ms here).
    static let cost: UInt8 = 10
    /// The shortest password accepted.
    static let minimumPasswordLength = 12

    func login(name: String, password: String) async throws -> LoginResult {
        guard Account.isValidName(name), password.utf8.count <= 1024,
            let stored = try store.storedAccount(name: name)
        else {
            _ = Bcrypt.hash("timing-equaliser", cost: Self.cost)
            return .refused
        }
        if let until = stored.account.lockedUntil, until > now() { return .locked(until: until) }
        guard let hash = stored.passwordHash, Bcrypt.verify(password, hash: hash) else {
            let lockUntil = now().addingTimeInterval(Double(Self.lockMinutes * 60))
            let failures = try store.recordLogin(
                accountID: stored.account.id, succeeded: false, lockAfter: Self.lockAfter, lockUntil: lockUntil)
            if failures >= Self.lockAfter {
                logger.warning(
                    "account locked after failed logins",
                    metadata: ["mailroom.account": "\(stored.account.name)", "failures": "\(failures)"])
                return .locked(until: lockUntil)
            }
            try await Task.sleep(for: .milliseconds(min(2000, 250 * failures)))
            return .refused
        }
        try store.recordLogin(
            accountID: stored.account.id, succeeded: true, lockAfter: Self.lockAfter, lockUntil: now())
        let expiresAt = now().addingTimeInterval(Double(sessionHours * 3600))
        let token = try issue(.session, for: stored.account, expiresAt: expiresAt)
        return .success(token: token, expiresAt: expiresAt, account: stored.account)
    }

    func identity(token: String) async throws -> Identity? {
        guard let (account, kind) = try store.authenticate(tokenHash: Self.hash(token), now: now()) else { return nil }
        return Identity(
            name: account.name, role: account.role, email: account.email, via: kind == .session ? .session : .apiToken)
    }

    func logout(token: String) async throws {
        _ = try store.revokeToken(hash: Self.hash(token), now: now())
    }

    func accounts() async throws -> [Account] {
        try store.accounts()
    }

    func createAccount(_ request: NewUserRequest) async throws -> Account {
        guard Account.isValidName(request.name) else {
            throw APIError.invalid("'name' must be 1-64 letters, digits, '.', '_' or '-'")
        }
        if let email = request.email, !MailroomSettings.isAddress(email) {
            throw APIError.invalid("'email' is not an email address")
        }
        if let password = request.password { try Self.checkStrength(password) }
        do {
            return try store.createAccount(
                name: request.name, role: request.role, email: request.email,
                passwordHash: request.password.map { Bcrypt.hash($0, cost: Self.cost) }, now: now())
        } catch let error as StoreError where error.isConflict {
            throw APIError.conflict("a user named \(request.name) exists")
        }
    }

    func removeAccount(name: String) async throws -> Bool {
        try store.removeAccount(name: name)
    }

    func changePassword(name: String, current: String, new: String) async throws {
        guard let stored = try store.storedAccount(name: name), let hash = stored.passwordHash,
            Bcrypt.verify(current, hash: hash)
        else { throw APIError(.forbidden, "wrongPassword", "the current password is wrong") }
        try Self.checkStrength(new)
        _ = try store.setPassword(name: name, hash: Bcrypt.hash(new, cost: Self.cost), now: now())
    }

    func setRole(name: String, role: Role) async throws -> Bool {
        try store.setRole(name: name, role: role)
    }

    func resetPassword(name: String, password: String) async throws -> Bool {
        try Self.checkStrength(password)
        return try store.setPassword(name: name, hash: Bcrypt.hash(password, cost: Self.cost), now: now())
    }

    /// A new random token of `kind` for `account`, stored hashed; returns the token itself (shown once).
    func issue(_ kind: TokenKind, for account: Account, expiresAt: Date?) throws -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let token =
            (kind == .session ? "mrs_" : "mrt_")
            + Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        try store.createToken(
            accountID: account.id, kind: kind, hash: Self.hash(token), expiresAt: expiresAt, now: now())
        return token
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    static func checkStrength(_ password: String) throws {
        guard password.count >= minimumPasswordLength, password.utf8.count <= 1024 else {
            throw APIError.invalid("a password needs at least \(minimumPasswordLength) characters")
        }
    }
}
