import Foundation
import MailMessage
import MailroomCore

/// ``ReplyRenderer`` over the Mustache ``TemplateLibrary`` (templates/), mapping the pipeline's variables to the
/// documented template variables.
struct TemplateRenderer: ReplyRenderer {
    let library: TemplateLibrary
    let companyName: String
    let supportAddress: String

    func render(_ template: ReplyTemplate, language: String, variables: ReplyVariables) -> RenderedReply? {
        let context = self.context(variables)
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

    private func context(_ variables: ReplyVariables) -> TemplateContext {
        TemplateContext(
            customer: TemplateContext.Customer(
                displayName: variables.customerName, email: variables.customerEmail, text: variables.customerText),
            ticket: TemplateContext.Ticket(
                id: variables.ticketID, subject: variables.ticketSubject, reference: variables.ticketReference),
            company: TemplateContext.Company(name: companyName, supportAddress: supportAddress),
            intent: variables.intent.map { TemplateContext.Intent(name: $0, confidence: variables.intentConfidence) },
            resolution: variables.resolution.map {
                TemplateContext.Resolution(text: $0.text, ticketId: $0.ticketID, score: $0.score)
            },
            agent: variables.agentAnswer.map { TemplateContext.Agent(name: variables.agentName, answer: $0) },
            escalation: variables.escalation.map(escalation))
    }

    private func escalation(_ summary: ReplyVariables.Escalation) -> TemplateContext.Escalation {
        TemplateContext.Escalation(
            reasons: summary.reasons,
            signals: TemplateContext.Signals(
                urgency: summary.urgency, sentiment: summary.sentiment, churnRisk: summary.churnRisk,
                language: summary.language),
            similar: summary.similar.map {
                TemplateContext.SimilarTicket(ticketId: $0.ticketID, score: $0.score, excerpt: $0.excerpt)
            },
            messageSubject: summary.messageSubject, messageDate: summary.messageDate)
    }
}
