/// A mailbox: an optional display name and an address (`local@domain`).
public struct Address: Hashable, Sendable, CustomStringConvertible {
    /// The decoded display name, if any (RFC 2047 decoded, quotes removed).
    public var name: String?
    /// The address as written, without angle brackets or route (`local@domain`, or a bare local part).
    public var address: String

    /// Creates an address.
    public init(name: String? = nil, address: String) {
        self.name = name
        self.address = address
    }

    /// The local part (before the last `@`).
    public var localPart: String {
        guard let at = address.lastIndex(of: "@") else { return address }
        return String(address[..<at])
    }

    /// The domain (after the last `@`), lowercased; empty when there is none.
    public var domain: String {
        guard let at = address.lastIndex(of: "@") else { return "" }
        return address[address.index(after: at)...].lowercased()
    }

    /// The address lowercased, for comparisons.
    public var normalized: String { address.lowercased() }

    /// `Name <address>` or `address`.
    public var description: String {
        guard let name, !name.isEmpty else { return address }
        return "\(name) <\(address)>"
    }
}
