import Foundation
import MailMessage

extension MessagePipeline {
    /// Handles mail from an allowed agent about a ticket that is not their own; returns false for anything
    /// else. A forged agent address must not answer customers or teach the knowledge base: with dmarc=fail
    /// from the trusted server the mail is recorded as rejected and then treated like a third party's (shown to
    /// the agents, never relayed).
    func handledAsAgentMail<R: RandomNumberGenerator>(_ work: inout Work, dmarcFailed: Bool, random: inout R) throws
        -> Bool
    {
        let sender = work.sender.address.lowercased()
        guard let ticket = work.ticket, settings.allowedAgents.contains(sender), ticket.customerEmail != sender else {
            return false
        }
        guard !dmarcFailed else {
            work.events.append(
                AuditEvent(
                    .rejected, reason: "agentNotAuthenticated",
                    "mail from the agent address \(work.sender.address) failed DMARC; not relayed to the customer"))
            return false
        }
        try handleAgentMail(&work, ticket: ticket, random: &random)
        return true
    }

    /// A reply from an allowed agent to a ticket: relayed to the customer, or a first-line command.
    func handleAgentMail<R: RandomNumberGenerator>(_ work: inout Work, ticket: Ticket, random: inout R) throws {
        let agent = work.sender
        var ticket = ticket
        ticket.updatedAt = work.now
        switch AgentCommand.parse(work.newText) {
        case .note(let note):
            work.events.append(AuditEvent(.note, "\(agent.address): \(note.prefix(2000))"))
            work.summary = "agent note"
        case .answer(let answer):
            try relay(answer, from: agent, ticket: &ticket, work: &work, random: &random)
            work.summary = "agent answer relayed"
        case .close(let reply):
            if let reply { try relay(reply, from: agent, ticket: &ticket, work: &work, random: &random) }
            ticket.status = .closed
            ticket.resolvedAt = ticket.resolvedAt ?? work.now
            work.events.append(AuditEvent(.closed, "closed by \(agent.address)"))
            work.summary = "closed by agent"
        case .template(let name, let note):
            try sendTemplate(name, for: agent, ticket: &ticket, work: &work, random: &random)
            if let note, !note.isEmpty { work.events.append(AuditEvent(.note, "\(agent.address): \(note)")) }
        case .invalid(let command, let problem):
            let notice = try composeAgentNotice(
                to: agent, ticket: ticket,
                text: "Your mail about \(ticket.publicID) was not sent to the customer: "
                    + "\(command): \(problem)", now: work.now, random: &random)
            work.queue(notice, "told \(agent.address) about an unknown command")
            work.events.append(AuditEvent(.rejected, reason: "invalidCommand", "\(command): \(problem)"))
            work.summary = "agent command rejected"
        }
        work.ticket = ticket
    }

    private func relay<R: RandomNumberGenerator>(
        _ answer: String, from agent: Address, ticket: inout Ticket, work: inout Work, random: inout R
    ) throws {
        var context = templateContext(for: ticket)
        context.agent = .init(name: agent.name, answer: answer)
        let language = ticket.language ?? settings.defaultLanguage
        let rendered =
            renderer.render(.agentRelay, language: language, context: context)
            ?? RenderedReply(text: answer + "\n\n" + context.ticket.reference, html: nil, language: language)
        let draft = try composeCustomerMail(.agentRelay, ticket: ticket, body: rendered, now: work.now, random: &random)
        work.queue(draft, "answer of \(agent.address) to \(ticket.customerEmail)")
        ticket.status = .answered
        ticket.resolvedAt = work.now
        ticket.references = appendReference(ticket.references, draft.messageID)
        work.events.append(AuditEvent(.agentAnswered, "\(agent.address) answered", outboxMessageID: draft.messageID))
        if let question = ticket.question, !question.isEmpty {
            work.knowledge = KnowledgeEntry(
                ticketPublicID: ticket.publicID, question: question, answer: answer, intent: ticket.intent,
                language: ticket.language)
            work.events.append(AuditEvent(.learned, "question and answer added to the knowledge base"))
        }
    }

    private func sendTemplate<R: RandomNumberGenerator>(
        _ name: String, for agent: Address, ticket: inout Ticket, work: inout Work, random: inout R
    ) throws {
        let language = ticket.language ?? settings.defaultLanguage
        guard let rendered = renderer.render(.named(name), language: language, context: templateContext(for: ticket))
        else {
            let notice = try composeAgentNotice(
                to: agent, ticket: ticket, text: "There is no template named '\(name)'; nothing was sent.",
                now: work.now, random: &random)
            work.queue(notice, "told \(agent.address) the template is missing")
            work.events.append(AuditEvent(.rejected, reason: "unknownTemplate", "template \(name) does not exist"))
            work.summary = "agent command rejected"
            return
        }
        let draft = try composeCustomerMail(
            .agentTemplate, ticket: ticket, body: rendered, now: work.now, random: &random)
        work.queue(draft, "template \(name) chosen by \(agent.address)")
        ticket.status = .answered
        ticket.resolvedAt = work.now
        ticket.references = appendReference(ticket.references, draft.messageID)
        work.events.append(
            AuditEvent(
                .agentAnswered, reason: "template", "\(agent.address) sent template \(name)",
                outboxMessageID: draft.messageID))
        work.summary = "agent template sent"
    }
}
