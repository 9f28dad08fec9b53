/// Something the parser found wrong with a message and worked around.
///
/// Parsing is lenient with evidence: the parser returns what it could read plus a list of defects.
/// The `code` is a short, stable, closed-set string (safe as a metric label); `detail` says where.
public struct Defect: Hashable, Sendable, CustomStringConvertible {
    /// The closed set of problems the parser reports.
    public enum Code: String, Sendable, CaseIterable {
        /// The input had no header block at all.
        case missingHeaders = "missing-headers"
        /// A line in the header block was not a header field; the body was assumed to start there.
        case missingHeaderBodySeparator = "missing-header-body-separator"
        /// A header field line could not be read (no colon, bad field name).
        case malformedHeader = "malformed-header"
        /// Raw 8-bit bytes in a header that were not valid UTF-8.
        case eightBitHeader = "8bit-header"
        /// An RFC 2047 encoded word that could not be decoded was left as it was.
        case malformedEncodedWord = "malformed-encoded-word"
        /// An address field could not be read completely.
        case malformedAddress = "malformed-address"
        /// A Date header could not be read.
        case malformedDate = "malformed-date"
        /// A Content-Type header could not be read; text/plain was assumed.
        case malformedContentType = "malformed-content-type"
        /// A MIME parameter could not be read, or was given twice.
        case malformedParameter = "malformed-parameter"
        /// A multipart entity had no boundary parameter.
        case missingBoundaryParameter = "missing-boundary-parameter"
        /// No boundary delimiter line was found in a multipart body.
        case missingStartBoundary = "missing-start-boundary"
        /// A multipart body ended without its closing delimiter.
        case missingClosingBoundary = "missing-closing-boundary"
        /// An unknown Content-Transfer-Encoding was treated as 7bit.
        case unknownTransferEncoding = "unknown-transfer-encoding"
        /// Base64 data contained characters outside the alphabet or bad padding.
        case invalidBase64 = "invalid-base64"
        /// Quoted-printable data contained an invalid escape.
        case invalidQuotedPrintable = "invalid-quoted-printable"
        /// A charset name that is not known; the text was decoded with a fallback.
        case unknownCharset = "unknown-charset"
        /// Bytes that are invalid in the declared charset; a fallback was used or replacement characters inserted.
        case charsetMismatch = "charset-mismatch"
        /// The message was larger than the size limit; the rest was not parsed.
        case messageTooLarge = "message-too-large"
        /// More header fields than the limit; the rest were ignored.
        case tooManyHeaders = "too-many-headers"
        /// MIME nesting deeper than the limit; deeper parts were kept as opaque data.
        case tooDeep = "mime-too-deep"
        /// More MIME parts than the limit; the rest were kept as opaque data.
        case tooManyParts = "too-many-parts"
        /// Line endings were bare CR; they were read as line breaks.
        case bareCarriageReturns = "bare-cr-line-endings"
    }

    /// What went wrong.
    public let code: Code
    /// Where, or which value (short; never a message body).
    public let detail: String?

    /// Creates a defect.
    public init(_ code: Code, _ detail: String? = nil) {
        self.code = code
        self.detail = detail
    }

    /// The short form: `code` or `code: detail`.
    public var description: String {
        guard let detail, !detail.isEmpty else { return code.rawValue }
        return "\(code.rawValue): \(detail)"
    }
}
