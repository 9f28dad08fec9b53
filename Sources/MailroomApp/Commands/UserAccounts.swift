import Foundation
import HummingbirdBcrypt
import Logging
import MailroomCore
import MailroomHTTP
import MailroomStore

/// `mailroom users add|list|remove|passwd|token`: accounts of the API and the console, on the store of a
/// configuration (works while `mailroom run` is running).
public enum UserAccounts {
    /// Adds an account; `password` nil makes one that only uses API tokens.
    public static func add(configPath: String, name: String, role: Role, email: String?, password: String?)
        async throws -> [String]
    {
        let service = try await accountService(configPath)
        let account = try await apiErrorsAsUserErrors {
            try await service.createAccount(NewUserRequest(name: name, role: role, email: email, password: password))
        }
        return [
            "added \(account.name) (\(account.role.rawValue))"
                + (password == nil ? "; no password: it can use API tokens (mailroom users token \(name))" : "")
        ]
    }

    /// One line per account.
    public static func list(configPath: String) async throws -> [String] {
        let accounts = try await accountService(configPath).accounts()
        guard !accounts.isEmpty else { return ["no users yet: mailroom users add NAME --role admin"] }
        return accounts.map {
            "\($0.name)  \($0.role.rawValue)  \($0.email ?? "-")"
                + ($0.lockedUntil.map { $0 > Date() ? "  locked until \($0.formatted(.iso8601))" : "" } ?? "")
        }
    }

    /// Removes an account and revokes its tokens.
    public static func remove(configPath: String, name: String) async throws -> [String] {
        guard try await accountService(configPath).removeAccount(name: name) else {
            throw UserAccountError(message: "no user \(name)")
        }
        return ["removed \(name); its sessions and tokens no longer work"]
    }

    /// Sets a new password (every session of the account ends).
    public static func passwd(configPath: String, name: String, password: String) async throws -> [String] {
        let service = try await accountService(configPath)
        try await apiErrorsAsUserErrors { try AccountService.checkStrength(password) }
        guard
            try service.store.setPassword(
                name: name, hash: Bcrypt.hash(password, cost: AccountService.cost), now: Date())
        else { throw UserAccountError(message: "no user \(name)") }
        return ["password of \(name) changed; its sessions and tokens were revoked"]
    }

    /// A new long-lived API token (printed once; stored hashed).
    public static func token(configPath: String, name: String, days: Int?) async throws -> String {
        let service = try await accountService(configPath)
        guard let account = try service.store.storedAccount(name: name)?.account else {
            throw UserAccountError(message: "no user \(name)")
        }
        return try service.issue(
            .api, for: account, expiresAt: days.map { Date().addingTimeInterval(Double($0) * 86_400) })
    }

    private static func accountService(_ configPath: String) async throws -> AccountService {
        let configuration = try await ConfigurationLoader.load(path: configPath)
        return AccountService(
            store: try configuration.store.open(), sessionHours: configuration.http?.sessionHours ?? 12,
            logger: Logger(label: "mailroom.users"), now: { Date() })
    }

    private static func apiErrorsAsUserErrors<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as APIError {
            throw UserAccountError(message: error.message)
        }
    }
}

/// A user command that cannot be done.
public struct UserAccountError: Error, CustomStringConvertible, LocalizedError, Sendable {
    /// What went wrong.
    public var message: String
    /// The message.
    public var description: String { message }
    /// The message, for the command line.
    public var errorDescription: String? { message }
}
