/// An Internet message (RFC 5322 + MIME) as read from bytes: the top-level entity and what was wrong with it.
///
/// Create one with ``MessageParser``. The accessors (`subject`, `from`, `textBody`, `newText`, `kind`, ...)
/// read the parsed tree; they are computed on each call, so keep the result when you need it twice.
public struct Message: Hashable, Sendable {
    /// The top-level entity: the message header and its body.
    public var root: MIMEPart
    /// Problems found while parsing, in the order found (nested messages included).
    public var defects: [Defect]
    /// The size of the input in bytes.
    public var size: Int

    /// Creates a message from a parsed tree.
    public init(root: MIMEPart, defects: [Defect], size: Int) {
        self.root = root
        self.defects = defects
        self.size = size
    }

    /// The top-level header fields.
    public var header: Header { root.header }
}
