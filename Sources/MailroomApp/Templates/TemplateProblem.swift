/// Something wrong with a template file, found by ``TemplateChecker`` or when ``TemplateLibrary`` (re)loads.
public struct TemplateProblem: Sendable, Hashable, CustomStringConvertible {
    /// How bad it is.
    public enum Severity: String, Sendable, Hashable, Comparable {
        /// The template cannot be used as it is (a library keeps the last good version, or has none).
        case error
        /// The template works but probably not as intended.
        case warning

        /// Errors sort before warnings.
        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .error && rhs == .warning
        }
    }

    /// The file, relative to the template directory (`de/track_order.txt.mustache`).
    public let file: String
    /// The 1-based line, when the problem is at one place in the file.
    public let line: Int?
    /// What is wrong, for a person.
    public let message: String
    /// How bad it is.
    public let severity: Severity

    /// Creates a problem.
    public init(file: String, line: Int? = nil, message: String, severity: Severity) {
        self.file = file
        self.line = line
        self.message = message
        self.severity = severity
    }

    /// `file:line: severity: message`, like a compiler.
    public var description: String {
        "\(file)\(line.map { ":\($0)" } ?? ""): \(severity.rawValue): \(message)"
    }

    /// Sorts problems by file, then line, then severity.
    static func sorted(_ problems: [TemplateProblem]) -> [TemplateProblem] {
        problems.sorted {
            if $0.file != $1.file { return $0.file < $1.file }
            if ($0.line ?? 0) != ($1.line ?? 0) { return ($0.line ?? 0) < ($1.line ?? 0) }
            if $0.severity != $1.severity { return $0.severity < $1.severity }
            return $0.message < $1.message
        }
    }
}
