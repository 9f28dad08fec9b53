import Foundation
import MailMessage
import MailroomCore

/// ``ReplyRenderer`` over the Mustache ``TemplateLibrary``: renders from the templates already loaded and never
/// reads a file, so it is safe inside the processing transaction (the processor reloads edited templates
/// before each message).
struct TemplateRenderer: ReplyRenderer {
    let library: TemplateLibrary

    func render(_ template: ReplyTemplate, language: String, context: TemplateContext) -> RenderedReply? {
        let rendered: RenderedTemplate?
        switch template {
        case .intent(let intent): rendered = library.renderReply(intent: intent, language: language, context: context)
        default: rendered = library.renderLoaded(name: Self.name(template), language: language, context: context)
        }
        return rendered.map { RenderedReply(text: $0.text, html: $0.html, language: $0.language) }
    }

    func canRender(_ template: ReplyTemplate, language: String) -> Bool {
        if case .intent(let intent) = template {
            return library.hasLoaded(name: intent, language: language)
                || library.hasLoaded(name: TemplateKind.fallback.rawValue, language: language)
        }
        return library.hasLoaded(name: Self.name(template), language: language)
    }

    private static func name(_ template: ReplyTemplate) -> String {
        switch template {
        case .intent(let intent): intent
        case .acknowledgement: TemplateKind.acknowledgement.rawValue
        case .escalation: TemplateKind.escalation.rawValue
        case .agentRelay: TemplateKind.agentRelay.rawValue
        case .named(let name): name
        }
    }
}
