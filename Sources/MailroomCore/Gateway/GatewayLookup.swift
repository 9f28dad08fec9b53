import Foundation

/// What the message pipeline may read from the store while it processes one message (inside the same
/// transaction that will write the outcome).
public protocol GatewayLookup {
    /// The ticket with this public id.
    func ticket(publicID: String) throws -> Ticket?
    /// The ticket an outgoing mail of ours (by Message-ID, without brackets) belonged to.
    func ticket(forSentMessageID messageID: String) throws -> Ticket?
    /// How many automatic mails were queued to `address` since `date`.
    func automaticMailCount(to address: String, since date: Date) throws -> Int
    /// When `address` hit the hourly limit since `date`, oldest first (for the flood cool-down).
    func rateLimitTimes(for address: String, since date: Date) throws -> [Date]
    /// An active pause on automatic mail to `address` at `date`.
    func activePause(for address: String, at date: Date) throws -> SenderPause?
    /// Whether a public id is already taken.
    func publicIDExists(_ publicID: String) throws -> Bool
    /// The approved knowledge entry learned from ticket `ticketPublicID`, or nil (none, pending or rejected).
    func approvedKnowledge(ticketPublicID: String) throws -> KnowledgeEntry?
}
