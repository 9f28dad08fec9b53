/// A configured or supplied value that the threading and loop code cannot use (a short secret, a public id
/// with characters that would break a header, ...). Raised when configuration is read or a token is built,
/// never while reading incoming mail: incoming mail only ever fails to match.
public struct InvalidInputError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Kind: String, Hashable, Sendable {
        case secret = "secret too short"
        case publicID = "invalid public id"
        case random = "invalid random part"
        case domain = "invalid domain"
        case address = "invalid address"
        case separator = "invalid separator"
        case instanceID = "invalid instance id"
    }

    private let kind: Kind

    private init(_ kind: Kind) {
        self.kind = kind
    }

    /// The signing secret is shorter than ``TokenSigner/minimumSecretLength`` bytes.
    public static let secret = InvalidInputError(.secret)
    /// A ticket public id is empty, too long, or has characters outside `A-Z`, `0-9` and inner `-`.
    public static let publicID = InvalidInputError(.publicID)
    /// The random part of a Message-ID is empty, too long, or not ASCII letters and digits.
    public static let random = InvalidInputError(.random)
    /// A domain is empty or has characters that do not belong in a domain.
    public static let domain = InvalidInputError(.domain)
    /// An address is not `local@domain` with a plain local part.
    public static let address = InvalidInputError(.address)
    /// The plus-address separator is not one of `+`, `-`, `=`, `_`.
    public static let separator = InvalidInputError(.separator)
    /// The instance id is empty, too long, or not ASCII letters, digits, `.`, `_` and `-`.
    public static let instanceID = InvalidInputError(.instanceID)

    /// A short description, safe for a metric label.
    public var description: String { kind.rawValue }
}
