import Foundation
import MailroomCore

/// `POST /api/v1/auth/login` body.
public struct LoginRequest: Codable, Sendable {
    /// The account name.
    public var username: String
    /// The password.
    public var password: String
}

/// A user as the API shows it.
public struct UserView: Codable, Sendable, Hashable {
    /// The account name.
    public var name: String
    /// The role.
    public var role: Role
    /// The address, if set.
    public var email: String?
    /// When the account was made (absent for the machine token).
    public var createdAt: Date?

    /// Creates a view.
    public init(name: String, role: Role, email: String? = nil, createdAt: Date? = nil) {
        self.name = name
        self.role = role
        self.email = email
        self.createdAt = createdAt
    }

    /// The view of an account.
    public init(_ account: Account) {
        self.init(name: account.name, role: account.role, email: account.email, createdAt: account.createdAt)
    }
}

/// `POST /api/v1/auth/login` answer.
public struct LoginResponse: Codable, Sendable {
    /// The session token (send it as `Authorization: Bearer TOKEN`).
    public var token: String
    /// When the session ends.
    public var expiresAt: Date
    /// Who logged in.
    public var user: UserView
}

/// What a login attempt came to.
public enum LoginResult: Sendable {
    /// A new session.
    case success(token: String, expiresAt: Date, account: Account)
    /// Wrong name or password (the same answer for both).
    case refused
    /// Too many failures: refused until this time.
    case locked(until: Date)
}

/// Who made a request: an account (by a session or an API token), or the machine token (`http.opsToken`).
public struct Identity: Sendable, Hashable {
    /// The account name, or `ops-token`.
    public var name: String
    /// The role.
    public var role: Role
    /// The address of the account, if any.
    public var email: String?
    /// How it authenticated.
    public var via: Via

    /// How a request authenticated.
    public enum Via: String, Sendable, Hashable {
        case session
        case apiToken
        case opsToken
    }

    /// Creates an identity.
    public init(name: String, role: Role, email: String?, via: Via) {
        self.name = name
        self.role = role
        self.email = email
        self.via = via
    }
}

/// `POST /api/v1/users` body.
public struct NewUserRequest: Codable, Sendable {
    /// The account name.
    public var name: String
    /// The role.
    public var role: Role
    /// The address.
    public var email: String?
    /// The password (at least 12 characters), or nil for an account that only uses API tokens.
    public var password: String?

    /// Creates a request.
    public init(name: String, role: Role, email: String?, password: String?) {
        self.name = name
        self.role = role
        self.email = email
        self.password = password
    }
}

/// `PUT /api/v1/me/password` body.
public struct PasswordChangeRequest: Codable, Sendable {
    /// The current password.
    public var current: String
    /// The new one (at least 12 characters).
    public var new: String
}
