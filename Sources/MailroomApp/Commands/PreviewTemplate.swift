import Foundation
import MailroomCore
import MailroomStore

/// What `mailroom templates preview` was asked for.
public struct PreviewOptions: Sendable {
    /// The template name, like `track_order` or `acknowledgement`.
    public var name: String
    /// The language asked for (default: the default language, `en`).
    public var language: String?
    /// A stored ticket to take the context from, instead of the sample context.
    public var ticket: String?
    /// Leave the reused resolution out of the sample context.
    public var withoutResolution: Bool
    /// The template directory (default `./templates`).
    public var directory: String?

    /// Creates preview options.
    public init(
        name: String, language: String? = nil, ticket: String? = nil, withoutResolution: Bool = false,
        directory: String? = nil
    ) {
        self.name = name
        self.language = language
        self.ticket = ticket
        self.withoutResolution = withoutResolution
        self.directory = directory
    }
}

/// A rendered preview, with the problems of the files behind it.
public struct TemplatePreview: Sendable, CustomStringConvertible {
    /// The rendered template.
    public let rendered: RenderedTemplate
    /// Problems of the template's files (a broken file shows its last good version, if any).
    public let problems: [TemplateProblem]

    /// A header line, the text part, and the HTML part when there is one.
    public var description: String {
        var header = "template \(rendered.language)/\(rendered.name) (asked for \(rendered.requestedLanguage)"
        header += rendered.usedFallbackLanguage ? "; fell back to the default language)" : ")"
        var lines = [header] + problems.map { "note: \($0)" } + ["--- text", rendered.text]
        if let html = rendered.html { lines += ["--- html", html] }
        return lines.joined(separator: "\n")
    }
}

/// `mailroom templates preview`: renders one template with the sample context, or with a stored ticket's
/// context when `options.ticket` is set (then `configPath` names the configuration whose database holds it).
public func previewTemplate(_ options: PreviewOptions, configPath: String? = nil) async throws -> TemplatePreview {
    guard let publicID = options.ticket else {
        let intent = DefaultIntents.names.contains(options.name) ? options.name : nil
        let context = TemplateContext.sample(intent: intent, resolution: !options.withoutResolution)
        return try renderPreview(
            name: options.name, language: options.language, context: context, directory: options.directory)
    }
    let configuration = try await ConfigurationLoader.load(path: configPath ?? "config/mailroom.yaml")
    let store = try configuration.store.open()
    guard let ticket = try store.ticket(publicID: publicID.uppercased()) else {
        throw TemplateError.ticketNotFound(publicID)
    }
    let context = try TemplateContext.preview(ticket: ticket, configuration: configuration)
    return try renderPreview(
        name: options.name, language: options.language ?? ticket.language, context: context,
        directory: options.directory ?? configuration.templatesPath)
}

extension TemplateContext {
    /// The context a reply of `ticket` gets (customer, ticket with its reference line, company, intent), for
    /// previews.
    static func preview(ticket: MailroomCore.Ticket, configuration: GatewayConfiguration) throws -> TemplateContext {
        let reference = try BodyToken(signer: TokenSigner(secret: configuration.tokenSecret)).marker(
            for: ticket.publicID)
        return TemplateContext(
            customer: TemplateContext.Customer(
                displayName: ticket.customerName, email: ticket.customerEmail, text: ticket.question),
            ticket: TemplateContext.Ticket(id: ticket.publicID, subject: ticket.subject, reference: reference),
            company: TemplateContext.Company(
                name: configuration.mailroom.companyName, supportAddress: configuration.mailroom.supportAddress),
            intent: ticket.intent.map { TemplateContext.Intent(name: $0, confidence: ticket.confidence) })
    }
}

/// Renders template `name` in `language` (default `en`) with `context`, for a preview.
public func renderPreview(
    name: String, language: String?, context: TemplateContext, directory: String?
) throws(TemplateError) -> TemplatePreview {
    let library = try TemplateLibrary(directory: templateDirectory(directory))
    let language = language ?? library.defaultLanguage
    guard let rendered = library.render(name: name, language: language, context: context) else {
        throw .templateNotFound(name: name, language: language)
    }
    let problems = library.problems.filter { $0.file.hasPrefix("\(rendered.language)/\(name).") }
    return TemplatePreview(rendered: rendered, problems: problems)
}
