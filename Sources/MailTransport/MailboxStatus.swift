/// A mailbox's identity and size, from IMAP STATUS.
public struct MailboxStatus: Sendable, Equatable {
    /// UIDVALIDITY: when it changes, every UID remembered for this mailbox is void.
    public var uidValidity: UInt32
    /// UIDNEXT: the UID the next message will get (a lower bound: UIDs above it may appear).
    public var uidNext: UInt32
    /// MESSAGES: how many messages the mailbox holds.
    public var messages: Int
    /// UNSEEN: how many have no `\Seen` flag, when the server reported it.
    public var unseen: Int?

    /// Creates a status value.
    public init(uidValidity: UInt32, uidNext: UInt32, messages: Int, unseen: Int? = nil) {
        self.uidValidity = uidValidity
        self.uidNext = uidNext
        self.messages = messages
        self.unseen = unseen
    }
}

/// The result of fetching one message by UID.
public enum FetchOutcome: Sendable, Equatable {
    /// The message, byte for byte as the server stores it.
    case message([UInt8])
    /// The message is larger than the limit (its RFC822.SIZE): it was not downloaded.
    case tooLarge(size: Int)
    /// No message has this UID (expunged, moved, or never existed).
    case notFound
}

/// How a move was carried out.
public enum MoveOutcome: Sendable, Equatable {
    /// One `UID MOVE` per UID-set chunk (RFC 6851).
    case moved
    /// `UID COPY`, `\Deleted`, then `UID EXPUNGE` of exactly those UIDs (the server has UIDPLUS, not MOVE).
    case copiedAndExpunged
    /// `UID COPY` and `\Deleted` only: the server has neither MOVE nor UIDPLUS, and a plain EXPUNGE would also
    /// remove other people's deleted messages. The originals stay, flagged, until the server expunges them.
    case copiedAndFlaggedDeleted
}

/// The result of creating a mailbox.
public enum CreateOutcome: Sendable, Equatable {
    /// The mailbox was created.
    case created
    /// It already existed (nothing changed).
    case alreadyExists
}
