/// Where an inbound message stands. Stored as these raw values.
public enum MessageState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Committed; waits to be processed.
    case received
    /// Processed: its ticket, events and outgoing mail are stored.
    case processed
    /// Held for a person.
    case quarantined
}

/// Where an outgoing message stands. Stored as these raw values.
public enum OutboxState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Waiting to be sent.
    case queued
    /// Claimed by the sender for one attempt.
    case sending
    /// Accepted by the server.
    case sent
    /// Not sent yet; retried at its next attempt time.
    case deferred
    /// Given up; a person must look (`mailroom outbox retry`).
    case failed
    /// Not sent: shadow mode.
    case shadow

    /// The states of mail still to be sent.
    public static let pending: [OutboxState] = [.queued, .deferred]
}
