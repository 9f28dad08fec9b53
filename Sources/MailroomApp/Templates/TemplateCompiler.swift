import Mustache

/// Compiles one template file and checks it; both ``TemplateLibrary`` and ``TemplateChecker`` use it, so a
/// file the checker rejects is never used for a mail.
enum TemplateCompiler {
    /// The result of compiling one file.
    struct Result: Sendable {
        /// The compiled template, when the file has no errors.
        let template: CompiledTemplate?
        /// Every problem found (errors and warnings).
        let problems: [TemplateProblem]
        /// The documented variables the template uses.
        let used: Set<String>
    }

    /// The first line every plain-text template must have, so that nothing is HTML-escaped.
    static let textPragma = "{{% CONTENT_TYPE: TEXT}}"

    /// Compiles `text` (the file at `path`) as a template of `kind`.
    static func compile(_ text: String, path: TemplatePath, kind: TemplateKind) -> Result {
        let file = path.relativePath
        // Read once, for both the renderer's compiler and the tag scanner.
        let characters = TemplateCharacters(text)
        let template: CompiledTemplate
        do {
            template = try CompiledTemplate(text, characters: characters)
        } catch let error as MustacheTemplate.ParserError {
            return Result(template: nil, problems: [parserProblem(error, text: text, file: file)], used: [])
        } catch {
            let problem = TemplateProblem(file: file, message: "does not compile: \(error)", severity: .error)
            return Result(template: nil, problems: [problem], used: [])
        }
        let tags: [MustacheTag]
        do {
            tags = try MustacheTagScanner.scan(characters)
        } catch {
            let problem = TemplateProblem(file: file, line: error.line, message: error.message, severity: .error)
            return Result(template: nil, problems: [problem], used: [])
        }
        let checker = TemplateTagChecker(file: file, kind: kind, isHTML: path.format == .html)
        var (problems, used) = checker.check(tags)
        problems += layoutProblems(text, path: path, kind: kind, used: used)
        let usable = !problems.contains { $0.severity == .error }
        return Result(template: usable ? template : nil, problems: problems, used: used)
    }

    /// The pragma line of text templates, and the ticket reference of customer-facing ones.
    private static func layoutProblems(
        _ text: String, path: TemplatePath, kind: TemplateKind, used: Set<String>
    ) -> [TemplateProblem] {
        var problems: [TemplateProblem] = []
        let firstLine = text.prefix { !$0.isNewline }.filter { !$0.isWhitespace }
        if path.format == .text && firstLine != textPragma.filter({ !$0.isWhitespace }) {
            problems.append(
                TemplateProblem(
                    file: path.relativePath, line: 1,
                    message: "a text template must start with the line \(textPragma), or it is HTML-escaped",
                    severity: .error))
        }
        if kind.isCustomerFacing && !used.contains("ticket.reference") {
            problems.append(
                TemplateProblem(
                    file: path.relativePath,
                    message: "does not show {{ticket.reference}}: the customer's reply loses its threading token",
                    severity: .warning))
        }
        return problems
    }

    /// The problem for a swift-mustache parser error, placed at the open tag when a section is never closed
    /// (swift-mustache reports the end of the file).
    private static func parserProblem(
        _ error: MustacheTemplate.ParserError, text: String, file: String
    ) -> TemplateProblem {
        var line = error.context.lineNumber
        var message = "does not compile: \(describe(error.error))"
        switch error.error as? MustacheTemplate.Error {
        case .expectedSectionEnd?:
            if let open = unclosedSection(in: text) {
                line = open.line
                message = "does not compile: the section `\(open.content)` opened here is never closed"
            }
        default:
            // A tag that is never closed: swift-mustache reports where it gave up, the scanner where it opened.
            do {
                _ = try MustacheTagScanner.scan(text)
            } catch {
                line = error.line
                message = "does not compile: \(error.message)"
            }
        }
        return TemplateProblem(file: file, line: line, message: message, severity: .error)
    }

    /// The innermost section left open at the end of `text`.
    private static func unclosedSection(in text: String) -> MustacheTag? {
        guard let tags = try? MustacheTagScanner.scan(text) else { return nil }
        var open: [MustacheTag] = []
        for tag in tags {
            switch tag.kind {
            case .section, .invertedSection, .parent, .block: open.append(tag)
            case .close: _ = open.popLast()
            default: continue
            }
        }
        return open.last
    }

    /// Words for swift-mustache's parser errors.
    private static func describe(_ error: any Error) -> String {
        guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
        switch error {
        case .sectionCloseNameIncorrect: return "a closing tag does not match the section it closes"
        case .unfinishedName: return "a tag is not closed or its name has characters that are not allowed"
        case .expectedSectionEnd: return "a section is never closed"
        case .invalidSetDelimiter: return "a set-delimiter tag is malformed"
        case .transformAppliedToInheritanceSection: return "a transform is applied to a block"
        case .illegalTokenInsideInheritSection: return "a parent section holds something other than blocks"
        case .textInsideInheritSection: return "a parent section holds text"
        case .invalidConfigVariableSyntax: return "a pragma ({{% … }}) is malformed"
        case .unrecognisedConfigVariable: return "unknown pragma (only CONTENT_TYPE: TEXT or HTML)"
        @unknown default: return "\(error)"
        }
    }
}
