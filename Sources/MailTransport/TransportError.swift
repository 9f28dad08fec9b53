import Foundation

/// A failure talking to a mail server or a Maildir, typed by what a caller should do next.
///
/// Compare with the static members (`error == .authenticationFailed`); `isTransient` says whether a retry later
/// can succeed (network, timeouts, 4xx answers, a full disk) or whether a person must act (wrong password, TLS
/// verification, a missing mailbox, 5xx answers). `description` is a short constant label, safe for a metric;
/// `message` is the longer text for a person, with the server's answer when there was one.
public struct TransportError: Error, Sendable, Equatable, CustomStringConvertible, LocalizedError {
    enum Kind: String, Sendable {
        case authenticationFailed = "authentication_failed"
        case tlsVerificationFailed = "tls_verification_failed"
        case tlsUnavailable = "tls_unavailable"
        case tlsHandshakeFailed = "tls_handshake_failed"
        case serverUnreachable = "server_unreachable"
        case timedOut = "timed_out"
        case connectionLost = "connection_lost"
        case mailboxNotFound = "mailbox_not_found"
        case uidValidityChanged = "uid_validity_changed"
        case commandFailed = "command_failed"
        case protocolError = "protocol_error"
        case recipientRejected = "recipient_rejected"
        case messageRejected = "message_rejected"
        case messageTooLarge = "message_too_large"
        case storageFailed = "storage_failed"
        case invalidConfiguration = "invalid_configuration"
        case cancelled = "cancelled"
    }

    let kind: Kind
    /// Whether retrying later can succeed without anyone changing anything.
    public let isTransient: Bool
    /// A sentence or two for a person: what failed, what the server said, what to check.
    public let message: String
    /// The libcurl result code behind this error, when libcurl reported one.
    public let curlCode: Int?
    /// The SMTP reply code (e.g. 451, 550) behind this error, when there was one.
    public let replyCode: Int?
    /// The server's refusal, as it answered (`NO [NONEXISTENT] Mailbox doesn't exist: X`, `550 5.1.1 ...`).
    public let serverResponse: String?
    /// A local file operation was refused for a reason an operator must fix (permissions, a read-only or
    /// missing folder).
    let localSetupProblem: Bool

    init(
        _ kind: Kind, transient: Bool, message: String, curlCode: Int? = nil, replyCode: Int? = nil,
        serverResponse: String? = nil, localSetupProblem: Bool = false
    ) {
        self.kind = kind
        self.isTransient = transient
        self.message = message
        self.curlCode = curlCode
        self.replyCode = replyCode
        self.serverResponse = serverResponse
        self.localSetupProblem = localSetupProblem
    }

    /// Whether the failure comes from our own setup rather than from the message or the peer's mood: refused
    /// credentials, a certificate we do not trust, TLS we require but the server lacks, a configuration that
    /// cannot work, or a local folder we may not write. Retrying does not help until someone fixes it, and
    /// giving up would lose mail that is fine: callers keep it, retry, and alert.
    public var isConfigurationProblem: Bool {
        switch kind {
        case .authenticationFailed, .tlsVerificationFailed, .tlsUnavailable, .invalidConfiguration: true
        case .storageFailed: localSetupProblem
        default: false
        }
    }

    /// A short constant label (e.g. `authentication_failed`), safe as a metric label value.
    public var description: String { kind.rawValue }

    /// The message, for people (the command line prints this).
    public var errorDescription: String? { message }

    /// Two errors are equal when they are of the same kind; the message and codes are details.
    public static func == (lhs: TransportError, rhs: TransportError) -> Bool { lhs.kind == rhs.kind }

    private static func marker(_ kind: Kind) -> TransportError {
        TransportError(kind, transient: false, message: kind.rawValue)
    }

    /// The server refused the credentials (wrong password, expired or revoked OAuth2 token).
    public static let authenticationFailed = marker(.authenticationFailed)
    /// The server's certificate did not verify against the trusted CAs (or the configured CA file).
    public static let tlsVerificationFailed = marker(.tlsVerificationFailed)
    /// TLS was required but the server does not offer STARTTLS.
    public static let tlsUnavailable = marker(.tlsUnavailable)
    /// The TLS handshake failed (often: a TLS port used as plain, or the reverse).
    public static let tlsHandshakeFailed = marker(.tlsHandshakeFailed)
    /// The server could not be reached (name resolution, connection refused, no route).
    public static let serverUnreachable = marker(.serverUnreachable)
    /// The connection or an operation took longer than its configured timeout.
    public static let timedOut = marker(.timedOut)
    /// The connection was closed or broken during an operation.
    public static let connectionLost = marker(.connectionLost)
    /// The mailbox (folder) does not exist on the server.
    public static let mailboxNotFound = marker(.mailboxNotFound)
    /// The mailbox's UIDVALIDITY is not the expected one: every stored UID of it is void.
    public static let uidValidityChanged = marker(.uidValidityChanged)
    /// The server answered a command with NO (IMAP) or an error reply not tied to a recipient (SMTP).
    public static let commandFailed = marker(.commandFailed)
    /// The server's answer could not be understood, or it answered BAD.
    public static let protocolError = marker(.protocolError)
    /// An SMTP recipient was refused (the reply code says whether for now or for good).
    public static let recipientRejected = marker(.recipientRejected)
    /// An SMTP server refused the message itself (after DATA) or the envelope sender.
    public static let messageRejected = marker(.messageRejected)
    /// A message is larger than the configured limit.
    public static let messageTooLarge = marker(.messageTooLarge)
    /// Reading or writing a local file (Maildir) failed.
    public static let storageFailed = marker(.storageFailed)
    /// The configuration cannot work (bad URL, contradictory TLS setting, missing credentials).
    public static let invalidConfiguration = marker(.invalidConfiguration)
    /// The operation was cancelled by its caller.
    public static let cancelled = marker(.cancelled)
}
