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
    /// Not sent because of our own configuration (a refused login, an untrusted certificate, an outbox folder we
    /// may not write): kept and retried, never given up, and an operator is alerted. Nothing about the message
    /// itself is wrong.
    case blocked(reason: String)
}

/// One outgoing message for a ``MailSender``.
public struct OutgoingMail: Sendable, Hashable {
    /// The complete message, CRLF line ends.
    public var raw: [UInt8]
    /// MAIL FROM and RCPT TO.
    public var envelope: Envelope
    /// Its Message-ID (without brackets): the same on every attempt, so a sink can recognise a re-send.
    public var messageID: String
    /// This attempt's number (1 = the first).
    public var attempt: Int
    /// The outbox row, the same on every attempt: a sink names what it writes after it.
    public var outboxID: Int64

    /// Creates a mail.
    public init(raw: [UInt8], envelope: Envelope, messageID: String, attempt: Int, outboxID: Int64) {
        self.raw = raw
        self.envelope = envelope
        self.messageID = messageID
        self.attempt = attempt
        self.outboxID = outboxID
    }
}

/// Sends one message (implemented by the SMTP sender and the Maildir sink).
public protocol MailSender: Sendable {
    /// Sends `mail` to its envelope's recipients.
    func send(_ mail: OutgoingMail) async -> Delivery
    /// How many sends may run at the same time (SMTP: `smtp.connections`).
    var parallelism: Int { get }
}

extension MailSender {
    /// One send at a time unless the sender says otherwise.
    public var parallelism: Int { 1 }
}
