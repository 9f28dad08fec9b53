/// The ordered header fields of a message or MIME part.
public struct Header: Hashable, Sendable {
    /// The fields in the order they appeared.
    public var fields: [HeaderField]

    /// Creates a header from fields.
    public init(_ fields: [HeaderField] = []) {
        self.fields = fields
    }

    /// The unfolded value of the first field with this name (case-insensitive), or nil.
    public subscript(name: String) -> String? {
        fields.first { $0.hasName(name) }?.value
    }

    /// The unfolded values of every field with this name, in order.
    public func values(_ name: String) -> [String] {
        fields.filter { $0.hasName(name) }.map(\.value)
    }

    /// The first field with this name, RFC 2047-decoded, or nil.
    public func decoded(_ name: String) -> String? {
        fields.first { $0.hasName(name) }?.decodedValue
    }

    /// Whether a field with this name is present.
    public func contains(_ name: String) -> Bool {
        fields.contains { $0.hasName(name) }
    }
}
