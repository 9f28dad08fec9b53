/// One problem with the configuration, named by its key.
public struct ConfigProblem: Sendable, Hashable, CustomStringConvertible {
    /// The dotted key, e.g. `imap.url`.
    public var key: String
    /// What is wrong, for a person.
    public var message: String

    /// Creates a problem.
    public init(key: String, message: String) {
        self.key = key
        self.message = message
    }

    /// `key: message`.
    public var description: String { "\(key): \(message)" }
}

/// Configuration that cannot be used, with every problem found (not just the first).
public struct ConfigurationError: Error, Sendable, CustomStringConvertible {
    /// The problems, in key order.
    public var problems: [ConfigProblem]

    /// One line per problem.
    public var description: String {
        "invalid configuration:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
