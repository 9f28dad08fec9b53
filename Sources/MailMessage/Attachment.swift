/// A part of a message that is not its text body: a file, an inline image, an embedded message.
public struct Attachment: Hashable, Sendable {
    /// The decoded file name, if the part has one.
    public var filename: String?
    /// `type/subtype`, lowercased.
    public var contentType: String
    /// The size of the decoded content in bytes.
    public var size: Int { bytes.count }
    /// The Content-ID without angle brackets, if any.
    public var contentID: String?
    /// The disposition type (`attachment`, `inline`), if the part declared one.
    public var disposition: String?
    /// The decoded content.
    public var bytes: [UInt8]

    /// Creates an attachment.
    public init(filename: String?, contentType: String, contentID: String?, disposition: String?, bytes: [UInt8]) {
        self.filename = filename
        self.contentType = contentType
        self.contentID = contentID
        self.disposition = disposition
        self.bytes = bytes
    }
}
