import Foundation
import MailMessage

/// What `mailroom parse` prints for one message: one JSON object per line.
public struct ParseReport: Encodable, Sendable {
    /// An attachment's summary.
    public struct AttachmentSummary: Encodable, Sendable {
        /// The decoded file name, or null.
        public var filename: String?
        /// `type/subtype`.
        public var contentType: String
        /// Decoded size in bytes.
        public var size: Int

        /// Encodes with explicit nulls.
        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(filename, forKey: .filename)
            try container.encode(contentType, forKey: .contentType)
            try container.encode(size, forKey: .size)
        }

        private enum CodingKeys: String, CodingKey {
            case filename, contentType, size
        }
    }

    /// The path as given on the command line.
    public var file: String
    /// The decoded subject, or null.
    public var subject: String?
    /// The first From address, or null.
    public var from: String?
    /// The first From display name, or null.
    public var fromName: String?
    /// To addresses.
    public var to: [String]
    /// Cc addresses.
    public var cc: [String]
    /// Reply-To addresses.
    public var replyTo: [String]
    /// Message-ID without angle brackets, or null.
    public var messageID: String?
    /// The first In-Reply-To id, or null.
    public var inReplyTo: String?
    /// References ids, oldest first.
    public var references: [String]
    /// The Date in ISO 8601 UTC, or null.
    public var date: String?
    /// `normal`, `bounce`, `auto-reply`, ...
    public var kind: String
    /// Why the kind was chosen.
    public var kindEvidence: String
    /// The best text body.
    public var text: String
    /// The text without quoted history and signature.
    public var newText: String
    /// Attachments.
    public var attachments: [AttachmentSummary]
    /// Defects found, as short strings.
    public var defects: [String]

    /// Builds the report for a parsed message.
    public init(file: String, message: Message) {
        self.file = file
        subject = message.subject
        let sender = message.from.first
        from = sender?.address
        fromName = sender?.name
        to = message.to.map(\.address)
        cc = message.cc.map(\.address)
        replyTo = message.replyTo.map(\.address)
        messageID = message.messageID
        inReplyTo = message.inReplyTo
        references = message.references
        date = message.date.map { $0.formatted(.iso8601) }
        let verdict = message.kindVerdict
        kind = verdict.kind.rawValue
        kindEvidence = verdict.evidence
        text = message.textBody
        newText = message.newText
        attachments = message.attachments.map {
            AttachmentSummary(filename: $0.filename, contentType: $0.contentType, size: $0.size)
        }
        defects = message.allDefects.map(\.description)
    }

    /// Encodes every key, with explicit nulls, in a stable order.
    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(file, forKey: .file)
        try container.encode(subject, forKey: .subject)
        try container.encode(from, forKey: .from)
        try container.encode(fromName, forKey: .fromName)
        try container.encode(to, forKey: .to)
        try container.encode(cc, forKey: .cc)
        try container.encode(replyTo, forKey: .replyTo)
        try container.encode(messageID, forKey: .messageID)
        try container.encode(inReplyTo, forKey: .inReplyTo)
        try container.encode(references, forKey: .references)
        try container.encode(date, forKey: .date)
        try container.encode(kind, forKey: .kind)
        try container.encode(kindEvidence, forKey: .kindEvidence)
        try container.encode(text, forKey: .text)
        try container.encode(newText, forKey: .newText)
        try container.encode(attachments, forKey: .attachments)
        try container.encode(defects, forKey: .defects)
    }

    private enum CodingKeys: String, CodingKey {
        case file, subject, from, fromName, to, cc, replyTo, messageID, inReplyTo, references, date, kind,
            kindEvidence, text, newText, attachments, defects
    }
}
