import Synchronization

/// An Internet message (RFC 5322 + MIME) as read from bytes: the top-level entity and what was wrong with it.
///
/// Create one with ``MessageParser``. The accessors (`subject`, `textBody`, `newText`, `kind`, ...) read the parsed
/// tree; they are computed on each call, so keep the result when you need it twice. Address fields (`from`, `to`,
/// `cc`, ...) are the exception: each field value is parsed once per message, however often it is asked for.
public struct Message: Hashable, Sendable {
    /// The top-level entity: the message header and its body.
    public var root: MIMEPart
    /// Problems found while parsing, in the order found (nested messages included).
    public var defects: [Defect]
    /// The size of the input in bytes.
    public var size: Int
    /// The address lists parsed so far, by field value (so a changed header is parsed again).
    let addressMemo = AddressMemo()

    /// Creates a message from a parsed tree.
    public init(root: MIMEPart, defects: [Defect], size: Int) {
        self.root = root
        self.defects = defects
        self.size = size
    }

    /// The top-level header fields.
    public var header: Header { root.header }

    /// Two messages are the same when their trees, defects and sizes are (what was parsed from them does not count).
    public static func == (lhs: Message, rhs: Message) -> Bool {
        lhs.root == rhs.root && lhs.defects == rhs.defects && lhs.size == rhs.size
    }

    /// Hashes what ``==(_:_:)`` compares.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(root)
        hasher.combine(defects)
        hasher.combine(size)
    }
}

/// The mailboxes of address field values already parsed for one message (and its copies): the pipeline asks for
/// `From`, `To` and `Cc` several times per message, and parsing them was 2% of the gateway's CPU.
final class AddressMemo: Sendable {
    private let parsed = Mutex<[String: [Address]]>([:])

    /// The mailboxes of `value` (``AddressParser/parseList(_:)``), parsed on the first call.
    func addresses(in value: String) -> [Address] {
        if let known = parsed.withLock({ $0[value] }) { return known }
        let addresses = AddressParser.parseList(value).addresses
        parsed.withLock { $0[value] = addresses }
        return addresses
    }
}
