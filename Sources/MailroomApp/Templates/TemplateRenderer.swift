import Foundation
import MailMessage
import MailroomCore

/// ``ReplyRenderer`` over the Mustache ``TemplateLibrary`` (templates/).
struct TemplateRenderer: ReplyRenderer {
    let library: TemplateLibrary

    func render(_ template: ReplyTemplate, language: String, context: TemplateContext) -> RenderedReply? {
        let rendered: RenderedTemplate?
        switch template {
        case .intent(let intent): rendered = library.renderReply(intent: intent, language: language, context: context)
        case .acknowledgement: rendered = library.render(name: "acknowledgement", language: language, context: context)
        case .escalation: rendered = library.render(name: "escalation", language: language, context: context)
        case .agentRelay: rendered = library.render(name: "agent-relay", language: language, context: context)
        case .named(let name): rendered = library.render(name: name, language: language, context: context)
        }
        return rendered.map { RenderedReply(text: $0.text, html: $0.html, language: $0.language) }
    }
}
