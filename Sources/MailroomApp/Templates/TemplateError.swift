/// Why a template operation could not be done at all (problems inside templates are ``TemplateProblem``s).
public struct TemplateError: Error, Hashable, Sendable, CustomStringConvertible {
    private enum Code: Hashable, Sendable {
        case directoryNotFound(String)
        case templateNotFound(name: String, language: String)
        case ticketNotFound(String)
    }

    private let code: Code

    /// The template directory does not exist or is not a directory.
    public static func directoryNotFound(_ path: String) -> TemplateError {
        TemplateError(code: .directoryNotFound(path))
    }

    /// No usable template has this name, in the language asked for nor in the default language.
    public static func templateNotFound(name: String, language: String) -> TemplateError {
        TemplateError(code: .templateNotFound(name: name, language: language))
    }

    /// A preview for a stored ticket was asked for, but this build has no ticket store to load it from.
    public static func ticketNotFound(_ ticket: String) -> TemplateError {
        TemplateError(code: .ticketNotFound(ticket))
    }

    /// A short, stable reason, safe as a metric label.
    public var reason: String {
        switch code {
        case .directoryNotFound: "directory-not-found"
        case .templateNotFound: "template-not-found"
        case .ticketNotFound: "ticket-not-found"
        }
    }

    /// What went wrong, for a person.
    public var description: String {
        switch code {
        case .directoryNotFound(let path): "template directory not found: \(path)"
        case .templateNotFound(let name, let language): "no usable template \"\(name)\" for language \(language)"
        case .ticketNotFound(let ticket):
            "no ticket \(ticket) in the database of the configuration given with --config"
        }
    }
}
