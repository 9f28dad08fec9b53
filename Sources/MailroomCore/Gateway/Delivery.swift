import Foundation

/// The envelope of an outgoing message.
public struct Envelope: Sendable, Hashable {
    /// MAIL FROM.
    public var from: String
    /// RCPT TO.
    public var recipients: [String]

    /// Creates an envelope.
    public init(from: String, recipients: [String]) {
        self.from = from
        self.recipients = recipients
    }
}

/// What became of one send attempt (Postfix's KEEP vs REMOVE, in Swift).
public enum Delivery: Sendable, Hashable {
    /// Accepted by the server for every recipient.
    case sent
    /// Not accepted now; try again later (4xx, connection failure).
    case deferred(reason: String)
    /// Refused for good (5xx); a person must look.
    case failed(reason: String)
}

/// Sends one message (implemented by the SMTP sender and the Maildir sink).
public protocol MailSender: Sendable {
    /// Sends `message` (complete, CRLF) to the envelope's recipients.
    func send(_ message: [UInt8], envelope: Envelope) async -> Delivery
}
