/// An IMAP message flag: a system flag (`\Seen`) or a keyword (`$Processed`).
public struct MessageFlag: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The flag as written on the wire (`\Seen`, `$Label1`).
    public let rawValue: String

    /// Wraps a flag or keyword as written on the wire.
    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    /// The flag as written on the wire.
    public var description: String { rawValue }

    /// `\Seen`: the message has been read.
    public static let seen = MessageFlag(rawValue: "\\Seen")
    /// `\Answered`: the message has been answered.
    public static let answered = MessageFlag(rawValue: "\\Answered")
    /// `\Flagged`: the message is marked for attention.
    public static let flagged = MessageFlag(rawValue: "\\Flagged")
    /// `\Deleted`: the message will go at the next expunge.
    public static let deleted = MessageFlag(rawValue: "\\Deleted")
    /// `\Draft`: the message is a draft.
    public static let draft = MessageFlag(rawValue: "\\Draft")
}
