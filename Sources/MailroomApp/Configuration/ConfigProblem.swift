import Foundation

/// One problem with the configuration, named by its key.
public struct ConfigProblem: Sendable, Hashable, CustomStringConvertible {
    /// How bad it is.
    public enum Severity: String, Sendable, Hashable {
        /// The configuration cannot be used: `run` refuses it and `check-config` exits 1.
        case error
        /// It works, but weakens something a person should know about (said by `check-config` and at start-up).
        case warning
    }

    /// The dotted key, e.g. `imap.url`.
    public var key: String
    /// What is wrong, for a person.
    public var message: String
    /// Error or warning.
    public var severity: Severity

    /// Creates a problem.
    public init(key: String, message: String, severity: Severity = .error) {
        self.key = key
        self.message = message
        self.severity = severity
    }

    /// `key: message` (warnings say so).
    public var description: String { "\(key): \(severity == .warning ? "warning: " : "")\(message)" }
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

extension ConfigurationError: LocalizedError {
    /// The same text as ``description``, for the command line.
    public var errorDescription: String? { description }
}
