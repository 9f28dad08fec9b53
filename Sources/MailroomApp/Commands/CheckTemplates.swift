import Foundation

/// The outcome of `mailroom templates check`.
public struct TemplateCheckReport: Sendable, CustomStringConvertible {
    /// Every problem found, sorted by file and line.
    public let problems: [TemplateProblem]

    /// Whether any problem is an error (the command then exits with status 1).
    public var hasErrors: Bool { problems.contains { $0.severity == .error } }

    /// One line per problem, then a summary line.
    public var description: String {
        let errors = problems.count { $0.severity == .error }
        let warnings = problems.count - errors
        let summary = "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
        return (problems.map(\.description) + [summary]).joined(separator: "\n")
    }
}

/// `mailroom templates check`: validates every template in `directory` (default `./templates`, else the built-in
/// templates) against the intents (default: those of the default model).
public func checkTemplates(directory: String? = nil, intents: [String] = DefaultIntents.names) -> TemplateCheckReport {
    let checker = TemplateChecker(intents: intents)
    return TemplateCheckReport(problems: checker.check(directory: templateDirectory(directory)))
}

/// The template directory: the given path, or `templates` in the working directory, or the built-in templates.
func templateDirectory(_ path: String?) -> URL {
    if let path { return URL(fileURLWithPath: path, isDirectory: true) }
    if FileManager.default.fileExists(atPath: "templates") {
        return URL(fileURLWithPath: "templates", isDirectory: true)
    }
    return BuiltInTemplates.url ?? URL(fileURLWithPath: "templates", isDirectory: true)
}
