import Foundation

/// A message to send, as values; ``render(using:)`` turns it into RFC 5322 / MIME bytes.
///
/// Message ids (`messageID`, `inReplyTo`, `references`, attachment content ids) are stored WITHOUT angle
/// brackets; the builder adds them. Values that came from outside are checked when rendering: text that is
/// shown to people (subject, display names, file names) is encoded, so any character survives; values that
/// are structure (addresses, message ids, header names and extra values) are rejected with a ``BuildError``
/// when they contain CR, LF or anything else that could start a new header line.
public struct OutgoingMessage: Hashable, Sendable {
    /// The author (the From field).
    public var from: Address
    /// Primary recipients.
    public var to: [Address]
    /// Copy recipients.
    public var cc: [Address]
    /// Blind-copy recipients: part of ``recipients`` for the envelope, never written into the message.
    public var bcc: [Address]
    /// Where replies should go (the Reply-To field), if anywhere else than `from`.
    public var replyTo: [Address]
    /// The subject, any Unicode text (encoded as RFC 2047 words where needed). Omitted when empty.
    public var subject: String
    /// The origination date; pure code never reads the clock, so the caller passes it.
    public var date: Date
    /// The sender's offset from UTC in seconds for the Date field (`+0200` is 7200).
    public var utcOffset: Int
    /// The Message-ID, without angle brackets (see ``MessageID``).
    public var messageID: String
    /// The message this one answers (In-Reply-To), without angle brackets.
    public var inReplyTo: String?
    /// The thread's message ids, oldest first (References), without angle brackets.
    public var references: [String]
    /// Further header fields written as given after the standard ones, e.g. `Auto-Submitted: auto-replied`.
    /// Names the builder writes itself (From, Subject, Content-Type, ...) are rejected.
    public var extraFields: [HeaderField]
    /// The plain-text body. Any line ending (LF, CR, CR LF) is written as CR LF.
    public var textBody: String
    /// An HTML alternative to the text body, if any (sent as multipart/alternative).
    public var htmlBody: String?
    /// Files to attach. `disposition` is `attachment` (the default when nil) or `inline`; inline parts with
    /// a content id go with the HTML body into multipart/related.
    public var attachments: [Attachment]
    /// Whole RFC 822 messages (raw bytes) to attach as `message/rfc822`, e.g. to forward mail to agents.
    public var attachedMessages: [[UInt8]]

    /// Creates a message; everything but the author, date and id defaults to empty.
    public init(
        from: Address, to: [Address] = [], cc: [Address] = [], bcc: [Address] = [], replyTo: [Address] = [],
        subject: String = "", date: Date, utcOffset: Int = 0, messageID: String, inReplyTo: String? = nil,
        references: [String] = [], extraFields: [HeaderField] = [], textBody: String = "", htmlBody: String? = nil,
        attachments: [Attachment] = [], attachedMessages: [[UInt8]] = []
    ) {
        self.from = from
        self.to = to
        self.cc = cc
        self.bcc = bcc
        self.replyTo = replyTo
        self.subject = subject
        self.date = date
        self.utcOffset = utcOffset
        self.messageID = messageID
        self.inReplyTo = inReplyTo
        self.references = references
        self.extraFields = extraFields
        self.textBody = textBody
        self.htmlBody = htmlBody
        self.attachments = attachments
        self.attachedMessages = attachedMessages
    }

    /// Every envelope recipient: To, then Cc, then Bcc.
    public var recipients: [Address] { to + cc + bcc }

    /// Renders the message: CR LF line endings, folded headers, MIME structure chosen by the content.
    /// `generator` supplies the multipart boundaries (inject a seeded one for reproducible output).
    public func render<G: RandomNumberGenerator>(using generator: inout G) throws -> [UInt8] {
        try MessageBuilder.render(self, using: &generator)
    }
}
