import Foundation
import MailroomCore
import MailroomHTTP
import MailroomStore

/// Reply templates for the API and the console: listed with what is missing, checked with the same checker as
/// `mailroom templates check` before a save, saved atomically into `templates.path` (the running gateway's library
/// reloads it) with each version recorded in the store, previewed for a ticket or the sample context.
struct TemplateService: TemplateBackend {
    let library: TemplateLibrary
    /// The editable directory (`templates.path`); nil when the built-in templates are in use.
    let editableDirectory: URL?
    let intents: [String]
    let store: any MailroomStorage
    let configuration: GatewayConfiguration
    let now: @Sendable () -> Date

    func templates() async throws -> TemplateList {
        let scan = try TemplateDirectory.scan(library.directory)
        let intentSet = Set(intents)
        let entries = scan.files.keys.filter { $0.format == .text }.sorted().map { path in
            TemplateEntry(
                language: path.language, name: path.name,
                kind: TemplateKind(name: path.name, intents: intentSet).rawValue,
                hasHTML: scan.files[TemplatePath(language: path.language, name: path.name, format: .html)] != nil)
        }
        var missing: [TemplateEntry] = []
        for language in scan.languages {
            for name in intents + TemplateKind.requiredNames {
                let kind = TemplateKind(name: name, intents: intentSet)
                guard language == library.defaultLanguage || kind.isTranslated,
                    scan.files[TemplatePath(language: language, name: name, format: .text)] == nil
                else { continue }
                missing.append(TemplateEntry(language: language, name: name, kind: kind.rawValue, hasHTML: false))
            }
        }
        let problems = TemplateChecker(intents: intents, defaultLanguage: library.defaultLanguage)
            .check(directory: library.directory).map(Self.view)
        return TemplateList(templates: entries, missing: missing, problems: problems)
    }

    func template(language: String, name: String) async throws -> TemplateText? {
        let scan = try TemplateDirectory.scan(library.directory)
        guard let text = scan.read(TemplatePath(language: language, name: name, format: .text)) else { return nil }
        return TemplateText(text: text, html: scan.read(TemplatePath(language: language, name: name, format: .html)))
    }

    func save(language: String, name: String, _ text: TemplateText, by identity: Identity) async throws
        -> TemplateSaveResult
    {
        guard let directory = editableDirectory else {
            throw APIError.conflict(
                "the built-in templates cannot be edited: set templates.path to your own copy (mailroom init writes one)"
            )
        }
        guard TemplateChecker.isLanguageTag(language) else {
            return .refused([
                TemplateProblemView(file: language, line: nil, severity: "error", message: "not a language tag")
            ])
        }
        let problems = check(language: language, name: name, text)
        guard !problems.contains(where: { $0.severity == "error" }) else { return .refused(problems) }
        // The first save keeps the text it replaces as the first version, so a rollback can reach it.
        if try store.templateVersions(language: language, name: name).isEmpty,
            let previous = try await template(language: language, name: name)
        {
            try store.recordTemplateVersion(
                language: language, name: name, text: previous.text, html: previous.html, author: "(before editing)",
                now: now())
        }
        try write(text, language: language, name: name, in: directory)
        try store.recordTemplateVersion(
            language: language, name: name, text: text.text, html: text.html, author: identity.name, now: now())
        library.reloadIfChanged()
        return .saved(text)
    }

    func preview(_ request: PreviewRequest) async throws -> PreviewResponse {
        var context = TemplateContext.sample(intent: intents.contains(request.name) ? request.name : nil)
        if let publicID = request.ticket {
            guard let ticket = try store.ticket(publicID: publicID.uppercased()) else {
                throw APIError.notFound("ticket \(publicID)")
            }
            context = try TemplateContext.preview(ticket: ticket, configuration: configuration)
        }
        var source = request.text.map { TemplateText(text: $0, html: nil) }
        if source == nil { source = try await template(language: request.language, name: request.name) }
        guard let source else { throw APIError.notFound("template \(request.language)/\(request.name)") }
        let kind = TemplateKind(name: request.name, intents: Set(intents))
        let path = TemplatePath(language: request.language, name: request.name, format: .text)
        let compiled = TemplateCompiler.compile(source.text, path: path, kind: kind)
        let problems = compiled.problems.map(Self.view)
        guard let template = compiled.template else {
            throw APIError.unprocessable("the template does not compile", details: problems.map(\.message))
        }
        let variables = context.variables(language: request.language)
        let html = source.html.flatMap {
            TemplateCompiler.compile(
                $0, path: TemplatePath(language: request.language, name: request.name, format: .html),
                kind: kind
            ).template?.render(variables)
        }
        return PreviewResponse(
            text: template.render(variables), html: html, language: request.language, problems: problems)
    }

    func history(language: String, name: String) async throws -> [TemplateVersionView] {
        try store.templateVersions(language: language, name: name).map {
            TemplateVersionView(id: $0.id, text: $0.text, html: $0.html, author: $0.author, createdAt: $0.createdAt)
        }
    }

    func rollback(language: String, name: String, version: Int64, by identity: Identity) async throws
        -> TemplateSaveResult
    {
        guard let old = try store.templateVersions(language: language, name: name).first(where: { $0.id == version })
        else { return .notFound }
        return try await save(
            language: language, name: name, TemplateText(text: old.text, html: old.html), by: identity)
    }

    /// The checker's problems for a new version of one template (text and HTML part).
    func check(language: String, name: String, _ text: TemplateText) -> [TemplateProblemView] {
        let kind = TemplateKind(name: name, intents: Set(intents))
        var problems = TemplateCompiler.compile(
            text.text, path: TemplatePath(language: language, name: name, format: .text), kind: kind
        ).problems
        if let html = text.html {
            problems +=
                TemplateCompiler.compile(
                    html, path: TemplatePath(language: language, name: name, format: .html), kind: kind
                ).problems
        }
        return problems.map(Self.view)
    }

    /// Writes the parts through a temporary file and a rename in the same folder: a reader sees the old file or
    /// the new one, never half of one.
    private func write(_ text: TemplateText, language: String, name: String, in directory: URL) throws {
        let folder = directory.appendingPathComponent(language, isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        func replace(_ content: String?, _ format: TemplatePath.Format) throws {
            let target = folder.appendingPathComponent(
                TemplatePath(language: language, name: name, format: format).fileName)
            guard let content else {
                try? FileManager.default.removeItem(at: target)
                return
            }
            let temporary = folder.appendingPathComponent(".\(UUID().uuidString).tmp")
            try Data(content.utf8).write(to: temporary)
            guard rename(temporary.path, target.path) == 0 else {
                try? FileManager.default.removeItem(at: temporary)
                throw APIError(.internalServerError, "writeFailed", "the template could not be written")
            }
        }
        try replace(text.text, .text)
        try replace(text.html, .html)
    }

    static func view(_ problem: TemplateProblem) -> TemplateProblemView {
        TemplateProblemView(
            file: problem.file, line: problem.line, severity: problem.severity.rawValue, message: problem.message)
    }
}
