/// A MIME media type with its parameters (`Content-Type`), names lowercased, RFC 2231 values decoded.
public struct MediaType: Hashable, Sendable, CustomStringConvertible {
    /// The top-level type, lowercased (`text`, `multipart`, ...).
    public var type: String
    /// The subtype, lowercased (`plain`, `mixed`, ...).
    public var subtype: String
    /// Parameters by lowercased name, values decoded (continuations joined, charsets applied).
    public var parameters: [String: String]

    /// Creates a media type.
    public init(type: String, subtype: String, parameters: [String: String] = [:]) {
        self.type = type.lowercased()
        self.subtype = subtype.lowercased()
        self.parameters = parameters
    }

    /// `text/plain; charset=us-ascii`, the RFC 2045 default.
    public static let defaultText = MediaType(type: "text", subtype: "plain", parameters: ["charset": "us-ascii"])

    /// `type/subtype`.
    public var mimeType: String { "\(type)/\(subtype)" }

    /// Whether the type is `multipart/*`.
    public var isMultipart: Bool { type == "multipart" }

    /// The `charset` parameter, lowercased, if present.
    public var charset: String? { parameters["charset"]?.lowercased() }

    /// `type/subtype`.
    public var description: String { mimeType }
}

/// A `Content-Disposition`: `inline` or `attachment` plus parameters.
public struct Disposition: Hashable, Sendable {
    /// The disposition type, lowercased (`inline`, `attachment`, or another token).
    public var type: String
    /// Parameters by lowercased name, values decoded.
    public var parameters: [String: String]

    /// Creates a disposition.
    public init(type: String, parameters: [String: String] = [:]) {
        self.type = type.lowercased()
        self.parameters = parameters
    }

    /// Whether this is `attachment`.
    public var isAttachment: Bool { type == "attachment" }
}
