import Foundation

/// A user of the API and the console.
public struct Account: Sendable, Hashable, Codable {
    /// The stored id.
    public var id: Int64
    /// The login name (unique, compared without regard to case).
    public var name: String
    /// What the user may do.
    public var role: Role
    /// The user's address, if given (an agent's answers through the API come from it).
    public var email: String?
    /// When the account was made.
    public var createdAt: Date
    /// Until when logins are refused after too many failures, if locked.
    public var lockedUntil: Date?

    /// Creates an account value.
    public init(id: Int64, name: String, role: Role, email: String?, createdAt: Date, lockedUntil: Date? = nil) {
        self.id = id
        self.name = name
        self.role = role
        self.email = email
        self.createdAt = createdAt
        self.lockedUntil = lockedUntil
    }

    /// Whether `name` is a valid login name: 1-64 of `a-z`, `0-9`, `.`, `_`, `-` (any case), starting with a
    /// letter or digit.
    public static func isValidName(_ name: String) -> Bool {
        guard (1...64).contains(name.utf8.count), let first = name.unicodeScalars.first,
            first.properties.isAlphabetic || ("0"..."9").contains(first)
        else { return false }
        return name.unicodeScalars.allSatisfy {
            ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0))) || $0 == "." || $0 == "_"
                || $0 == "-"
        }
    }
}

/// An access token's kind.
public enum TokenKind: String, Sendable, Hashable, Codable {
    /// A login session (`http.sessionHours`).
    case session
    /// A long-lived API token (`mailroom users token NAME`).
    case api
}
