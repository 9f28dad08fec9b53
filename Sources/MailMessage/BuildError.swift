/// Why an ``OutgoingMessage`` could not be rendered: a value that would break the message format, or that
/// could start a new header line (header injection). Always permanent: the same input fails the same way.
///
/// `field` names the offending field (`from`, `to`, `message-id`, `header-name`, `attachment[2].filename`,
/// ...); `description` is `reason: field`, safe as a metric label when the field is.
public struct BuildError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Reason: String, Hashable, Sendable {
        case invalidAddress = "invalid-address"
        case invalidMessageID = "invalid-message-id"
        case invalidHeaderName = "invalid-header-name"
        case reservedHeaderName = "reserved-header-name"
        case invalidHeaderValue = "invalid-header-value"
        case invalidContentType = "invalid-content-type"
        case invalidDisposition = "invalid-disposition"
        case invalidDomain = "invalid-domain"
        case noUniqueBoundary = "no-unique-boundary"
    }

    private let reason: Reason
    /// The field that was rejected.
    public let field: String

    private init(_ reason: Reason, _ field: String) {
        self.reason = reason
        self.field = field
    }

    /// An address with white space, angle brackets, control or non-ASCII characters, no `@`, or too long.
    public static func invalidAddress(_ field: String) -> BuildError { BuildError(.invalidAddress, field) }

    /// A message id that is empty, too long, or has white space, control characters or angle brackets.
    public static func invalidMessageID(_ field: String) -> BuildError { BuildError(.invalidMessageID, field) }

    /// An extra header field name that is not 1 to 76 printable ASCII characters without a colon.
    public static func invalidHeaderName(_ field: String) -> BuildError { BuildError(.invalidHeaderName, field) }

    /// An extra header field name that the builder writes itself (From, Subject, Content-Type, ...).
    public static func reservedHeaderName(_ field: String) -> BuildError { BuildError(.reservedHeaderName, field) }

    /// An extra header value with CR, LF, another control or a non-ASCII character, or an unfoldable run.
    public static func invalidHeaderValue(_ field: String) -> BuildError { BuildError(.invalidHeaderValue, field) }

    /// An attachment content type that is not `type/subtype` made of MIME token characters.
    public static func invalidContentType(_ field: String) -> BuildError { BuildError(.invalidContentType, field) }

    /// An attachment disposition other than `inline` or `attachment`.
    public static func invalidDisposition(_ field: String) -> BuildError { BuildError(.invalidDisposition, field) }

    /// A domain for a generated message id that is not a plain host name.
    public static func invalidDomain(_ field: String) -> BuildError { BuildError(.invalidDomain, field) }

    /// The random generator kept producing boundaries that occur in the content (a broken generator).
    public static func noUniqueBoundary(_ field: String) -> BuildError { BuildError(.noUniqueBoundary, field) }

    /// The reason code alone (`invalid-address`, ...), a closed set safe as a metric label.
    public var code: String { reason.rawValue }

    /// `reason: field`.
    public var description: String { "\(reason.rawValue): \(field)" }
}
