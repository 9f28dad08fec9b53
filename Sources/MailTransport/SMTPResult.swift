/// What happened to one message sent over SMTP, recipient by recipient.
public struct SMTPResult: Sendable, Equatable {
    /// One entry per requested recipient, in the order given.
    public var recipients: [SMTPRecipientResult]
    /// The failure not tied to a single recipient (connection, TLS, login, envelope sender, message refused
    /// after DATA), if any; every recipient it affected carries it too.
    public var error: TransportError?

    /// Creates a result.
    public init(recipients: [SMTPRecipientResult], error: TransportError? = nil) {
        self.recipients = recipients
        self.error = error
    }

    /// Every recipient received the message.
    public var isComplete: Bool { recipients.allSatisfy { $0.delivery.isDelivered } }
    /// The recipients to try again later.
    public var deferred: [String] { recipients.filter { $0.delivery.isDeferred }.map(\.address) }
    /// The recipients to give up on (a person must be told).
    public var rejected: [String] { recipients.filter { $0.delivery.isRejected }.map(\.address) }
}

/// The fate of one recipient.
public struct SMTPRecipientResult: Sendable, Equatable {
    /// The envelope recipient address, as given.
    public var address: String
    /// Delivered, deferred (retry later) or rejected (give up).
    public var delivery: SMTPDelivery

    /// Creates a recipient result.
    public init(address: String, delivery: SMTPDelivery) {
        self.address = address
        self.delivery = delivery
    }
}

/// Delivered, deferred (4xx or a connection failure: retry later) or rejected (5xx: give up, tell a person).
public enum SMTPDelivery: Sendable, Equatable {
    /// The server accepted responsibility for the message for this recipient; the reply is its final answer.
    case delivered(reply: String)
    /// A temporary failure: send again to this recipient later.
    case deferred(TransportError)
    /// A permanent failure: do not retry; tell a person.
    case rejected(TransportError)

    /// Whether the message reached this recipient's server.
    public var isDelivered: Bool { if case .delivered = self { true } else { false } }
    /// Whether a retry later may succeed.
    public var isDeferred: Bool { if case .deferred = self { true } else { false } }
    /// Whether the failure is permanent.
    public var isRejected: Bool { if case .rejected = self { true } else { false } }
}
