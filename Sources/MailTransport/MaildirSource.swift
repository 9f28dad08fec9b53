/// A message in a Maildir: its unique name, where it is, and its flags.
public struct MaildirMessage: Sendable, Equatable {
    /// The unique part of the file name (without `:2,flags`).
    public var name: String
    /// Whether it is still in `new/` (not yet seen by any reader).
    public var isNew: Bool
    /// Its Maildir flags (empty in `new/`).
    public var flags: Set<MaildirFlag>

    /// Names a message (e.g. one listed earlier by ``MaildirSource/newMessages(limit:)``).
    public init(name: String, isNew: Bool, flags: Set<MaildirFlag>) {
        self.name = name
        self.isNew = isNew
        self.flags = flags
    }

    /// The file name in its folder: `name` in `new/`, `name:2,FLAGS` in `cur/` (flags in ASCII order).
    public var fileName: String {
        isNew ? name : name + ":2," + String(flags.map(\.rawValue).sorted())
    }
}

/// The Maildir flags (the `:2,` info suffix).
public enum MaildirFlag: Character, Sendable, CaseIterable {
    /// `D`: draft.
    case draft = "D"
    /// `F`: flagged.
    case flagged = "F"
    /// `P`: passed (resent, forwarded).
    case passed = "P"
    /// `R`: replied.
    case replied = "R"
    /// `S`: seen.
    case seen = "S"
    /// `T`: trashed.
    case trashed = "T"
}

/// Reads a Maildir like a mail reader: takes messages from `new/` into `cur/` (with flags), reads them, and
/// changes their flags by renaming. For hosts whose MTA delivers into a Maildir, and for the demo.
public struct MaildirSource: Sendable {
    /// The Maildir root.
    public let directory: String

    /// Opens an existing Maildir.
    public init(directory: String) throws(TransportError) {
        _ = try MaildirSink(directory: directory, create: false)
        self.directory = directory
    }

    /// The messages waiting in `new/`, oldest name first, at most `limit`.
    public func newMessages(limit: Int = 1000) throws(TransportError) -> [MaildirMessage] {
        try MaildirFile.list(directory + "/new").sorted().prefix(limit).map {
            MaildirMessage(name: $0, isNew: true, flags: [])
        }
    }

    /// The messages in `cur/`, with their flags, by name.
    public func currentMessages() throws(TransportError) -> [MaildirMessage] {
        try MaildirFile.list(directory + "/cur").sorted().map(MaildirSource.parse)
    }

    /// Moves a message from `new/` into `cur/` with `flags` (marks it as taken by a reader).
    @discardableResult
    public func take(_ message: MaildirMessage, flags: Set<MaildirFlag> = []) throws(TransportError)
        -> MaildirMessage
    {
        try setFlags(flags, on: message)
    }

    /// Replaces the flags of a message (moving it into `cur/` if it is still new); returns its new identity.
    @discardableResult
    public func setFlags(_ flags: Set<MaildirFlag>, on message: MaildirMessage) throws(TransportError)
        -> MaildirMessage
    {
        let moved = MaildirMessage(name: message.name, isNew: false, flags: flags)
        try MaildirFile.rename(path(of: message), path(of: moved))
        try MaildirFile.syncDirectory(directory + "/cur")
        return moved
    }

    /// The bytes of a message.
    public func read(_ message: MaildirMessage) throws(TransportError) -> [UInt8] {
        try MaildirFile.read(path(of: message))
    }

    /// The full path of a message's file.
    public func path(of message: MaildirMessage) -> String {
        "\(directory)/\(message.isNew ? "new" : "cur")/\(message.fileName)"
    }

    /// Splits a `cur/` file name into the unique name and the flags (unknown flag letters are dropped).
    static func parse(_ fileName: String) -> MaildirMessage {
        guard let range = fileName.range(of: ":2,", options: .backwards) else {
            return MaildirMessage(name: fileName, isNew: false, flags: [])
        }
        let flags = Set(fileName[range.upperBound...].compactMap(MaildirFlag.init(rawValue:)))
        return MaildirMessage(name: String(fileName[..<range.lowerBound]), isNew: false, flags: flags)
    }
}
