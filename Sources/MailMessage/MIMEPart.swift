/// One MIME entity: its header and its body (a leaf, a list of parts, or an embedded message).
public struct MIMEPart: Hashable, Sendable {
    /// The body of a MIME entity.
    public indirect enum Body: Hashable, Sendable {
        /// A leaf: the transfer-decoded bytes (for 7bit, 8bit and binary a slice of the message's own bytes, so a
        /// large body is not copied).
        case leaf(ArraySlice<UInt8>)
        /// A multipart body: the parts, with the preamble and epilogue text.
        case multipart(parts: [MIMEPart], preamble: [UInt8], epilogue: [UInt8])
        /// A `message/rfc822` (or `message/global`) body, parsed; `raw` keeps its exact bytes.
        case message(Message, raw: [UInt8])
    }

    /// The part's own header fields.
    public var header: Header
    /// The media type (the RFC 2045 default when absent or unreadable).
    public var contentType: MediaType
    /// The disposition, when a Content-Disposition header is present and readable.
    public var disposition: Disposition?
    /// The Content-Transfer-Encoding, lowercased (`7bit` when absent).
    public var transferEncoding: String
    /// The body.
    public var body: Body

    /// Creates a part.
    public init(
        header: Header, contentType: MediaType, disposition: Disposition?, transferEncoding: String, body: Body
    ) {
        self.header = header
        self.contentType = contentType
        self.disposition = disposition
        self.transferEncoding = transferEncoding
        self.body = body
    }

    /// The file name from Content-Disposition `filename` or Content-Type `name`, decoded.
    public var filename: String? {
        if let name = disposition?.parameters["filename"], !name.isEmpty { return name }
        if let name = contentType.parameters["name"], !name.isEmpty { return name }
        return nil
    }

    /// The Content-ID without angle brackets, if any.
    public var contentID: String? {
        guard let raw = header["Content-ID"] else { return nil }
        let trimmed = raw.trimmed([" ", "\t", "<", ">"])
        return trimmed.isEmpty ? nil : trimmed
    }

    /// The sub-parts of a multipart body (empty otherwise).
    public var parts: [MIMEPart] {
        if case .multipart(let parts, _, _) = body { return parts }
        return []
    }

    /// The decoded bytes of a leaf, or the raw bytes of an embedded message; empty for multipart.
    public var content: [UInt8] {
        switch body {
        case .leaf(let bytes): return Array(bytes)
        case .message(_, let raw): return raw
        case .multipart: return []
        }
    }
}
