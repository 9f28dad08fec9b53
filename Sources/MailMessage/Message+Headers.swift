import Foundation

extension Message {
    /// The decoded Subject, or nil when there is none.
    public var subject: String? { header.decoded("Subject") }

    /// The From mailboxes (usually one).
    public var from: [Address] { addresses("From") }

    /// The Sender mailbox, if any.
    public var sender: Address? { addresses("Sender").first }

    /// The To mailboxes (every To field, in order).
    public var to: [Address] { addresses("To") }

    /// The Cc mailboxes.
    public var cc: [Address] { addresses("Cc") }

    /// The Reply-To mailboxes.
    public var replyTo: [Address] { addresses("Reply-To") }

    /// The mailboxes of every field with this name (case-insensitive), groups flattened.
    public func addresses(_ field: String) -> [Address] {
        header.values(field).flatMap { addressMemo.addresses(in: $0) }
    }

    /// The Date header as an instant, or nil when absent or unreadable.
    public var date: Date? { header["Date"].flatMap(DateParser.parse) }

    /// The Message-ID without angle brackets.
    public var messageID: String? { header["Message-ID"].flatMap { MessageIDParser.ids(in: $0).first } }

    /// The first id in In-Reply-To, without angle brackets.
    public var inReplyTo: String? { header["In-Reply-To"].flatMap { MessageIDParser.ids(in: $0).first } }

    /// The ids in References, oldest first, without angle brackets.
    public var references: [String] { header.values("References").flatMap(MessageIDParser.ids(in:)) }

    /// The Return-Path address; an empty string for the null reverse path `<>`; nil when absent.
    public var returnPath: String? {
        guard let value = header["Return-Path"] else { return nil }
        let trimmed = value.trimmed([" ", "\t", "<", ">"])
        return trimmed
    }

    /// Defects in the header fields that accessors read (unreadable addresses or date), computed on demand.
    public var headerDefects: [Defect] {
        var found: [Defect] = []
        for name in ["From", "To", "Cc", "Reply-To", "Sender"] {
            for value in header.values(name) where AddressParser.parseList(value).malformed {
                found.append(Defect(.malformedAddress, name))
            }
        }
        if let value = header["Date"], DateParser.parse(value) == nil { found.append(Defect(.malformedDate)) }
        if header.fields.contains(where: { field in field.rawValue.contains { $0 >= 0x80 } && !isUTF8(field.rawValue) })
        {
            found.append(Defect(.eightBitHeader))
        }
        return found
    }

    private func isUTF8(_ bytes: [UInt8]) -> Bool {
        String(validating: bytes, as: UTF8.self) != nil
    }
}
