/// The last message taken from a mailbox: IMAP's UIDVALIDITY and the highest UID committed.
public struct Checkpoint: Sendable, Hashable {
    /// The mailbox's UIDVALIDITY when the checkpoint was written.
    public var uidValidity: UInt32
    /// The highest UID whose message is committed.
    public var lastUID: UInt32

    /// Creates a checkpoint.
    public init(uidValidity: UInt32, lastUID: UInt32) {
        self.uidValidity = uidValidity
        self.lastUID = lastUID
    }
}

/// One message waiting in a source.
public struct SourceItem: Sendable, Hashable {
    /// A key unique within the source: the IMAP UID, or a Maildir file name.
    public var key: String
    /// The IMAP UID, for sources that have one.
    public var uid: UInt32?
    /// The size the source announced with the listing (IMAP RFC822.SIZE), when it did: the fetch then needs no
    /// size check of its own.
    public var size: Int?

    /// Creates an item.
    public init(key: String, uid: UInt32? = nil, size: Int? = nil) {
        self.key = key
        self.uid = uid
        self.size = size
    }
}

/// What a source holds beyond a checkpoint.
public struct SourceSnapshot: Sendable, Hashable {
    /// The mailbox's UIDVALIDITY (nil for sources without UIDs).
    public var uidValidity: UInt32?
    /// The waiting messages, oldest first.
    public var items: [SourceItem]

    /// Creates a snapshot.
    public init(uidValidity: UInt32?, items: [SourceItem]) {
        self.uidValidity = uidValidity
        self.items = items
    }
}

/// The result of fetching one message.
public enum FetchResult: Sendable, Hashable {
    /// The exact bytes.
    case message([UInt8])
    /// Larger than allowed: not downloaded. `header` holds the header block when the source could read it.
    case tooLarge(size: Int, header: [UInt8])
    /// No longer there (moved or expunged by someone else).
    case gone
    /// The entry cannot be read as a message (a folder, a FIFO, a symbolic link, no permission): it is left where
    /// it is, recorded once with `reason`, and the rest of the mail flows.
    case unreadable(reason: String)
}

/// A mailbox Mailroom takes mail from (IMAP, a Maildir). Never deletes: `acknowledge` moves processed mail
/// aside only after it is committed.
public protocol MailSource: Sendable {
    /// A stable name for the source's checkpoint (e.g. `imap://host:993/INBOX`).
    var identity: String { get }
    /// The messages waiting beyond `checkpoint`, at most `limit`.
    func pending(after checkpoint: Checkpoint?, limit: Int) async throws -> SourceSnapshot
    /// Downloads one message, unless it is larger than `maxSize` bytes.
    func fetch(_ item: SourceItem, maxSize: Int) async throws -> FetchResult
    /// Downloads several messages, in the order of `items` (one result each); a source that can fetch many in one
    /// round trip does.
    func fetch(_ items: [SourceItem], maxSize: Int) async throws -> [FetchResult]
    /// Moves committed messages out of the way (IMAP: to the processed folder; Maildir: new/ to cur/).
    func acknowledge(_ items: [SourceItem]) async throws
    /// Waits until the source may have new mail (IMAP IDLE) or `timeout` passes; false on timeout.
    func waitForNewMail(timeout: Duration) async throws -> Bool
    /// Starts connecting in the background (IMAP: logs in and selects the mailbox), so the first listing does not
    /// wait for it; a failure is kept for the first call that needs the connection. Returns at once.
    func prepare()
}

extension MailSource {
    /// Nothing to connect (a Maildir).
    public func prepare() {}

    /// One by one.
    public func fetch(_ items: [SourceItem], maxSize: Int) async throws -> [FetchResult] {
        var results: [FetchResult] = []
        for item in items { results.append(try await fetch(item, maxSize: maxSize)) }
        return results
    }
}
