import Foundation
import MailMessage

extension MessagePipeline {
    /// Handles mail from an allowed agent address on a ticket that is not the agent's own; returns false for
    /// anything else. The ``AgentCheck`` fails closed: an agent address that is not proven by the trusted
    /// receiving server, or a mail not sent through the ticket's agents' reply address, is kept as an internal
    /// note (`unauthenticatedAgent`), never relayed or learned, and the agents are told.
    func handledAsAgentMail<R: RandomNumberGenerator>(_ work: inout Work, random: inout R) throws -> Bool {
        let sender = work.sender.address.lowercased()
        if let ticket = work.ticket, work.message.submittedBy != nil {
            // Submitted through the API by an account the API authenticated (with the agent role or more).
            try handleAgentMail(&work, ticket: ticket, scope: .answer, random: &random)
            return true
        }
        guard let ticket = work.ticket, agentCheck.isAllowed(sender), ticket.customerEmail != sender else {
            return false
        }
        let verdict = agentCheck.evaluate(
            sender: sender, publicID: ticket.publicID, verdict: work.authentication, targets: work.agentTargets)
        switch verdict {
        case .notAnAgent:
            return false
        case .unauthenticated(let reasons):
            try keepAsNote(&work, ticket: ticket, reasons: reasons, random: &random)
        case .agent(let scope):
            try handleAgentMail(&work, ticket: ticket, scope: scope, random: &random)
        }
        return true
    }

    private func keepAsNote<R: RandomNumberGenerator>(
        _ work: inout Work, ticket: Ticket, reasons: [String], random: inout R
    ) throws {
        let agent = work.sender.address
        work.events.append(
            AuditEvent(
                .note, reason: "unauthenticatedAgent",
                "mail from \(agent) kept as an internal note, not sent to the customer (\(reasons.joined(separator: "; "))): "
                    + String(work.newText.prefix(2000))))
        let notice = try composeAgentNotice(
            to: Address(address: settings.agentsInbox), ticket: ticket,
            text: """
                A mail from \(agent) about \(ticket.publicID) was NOT sent to the customer and not learned:
                \(reasons.map { "- " + $0 }.joined(separator: "\n"))

                It is kept on the ticket as an internal note. An agent's answer is relayed only when it comes from an
                address in agents.allowed, is authenticated by the receiving server, and is a reply to the agents'
                mail about the ticket (its Reply-To address). If nobody here wrote it, someone tried to answer a
                customer in the company's name.
                """, now: work.now, random: &random)
        work.queue(notice, "told \(settings.agentsInbox) about an unauthenticated agent mail")
        var ticket = ticket
        ticket.updatedAt = work.now
        work.ticket = ticket
        work.summary = .agentUnauthenticated
    }

    /// A proven agent's mail about a ticket: relayed to the customer, or a first-line command.
    func handleAgentMail<R: RandomNumberGenerator>(
        _ work: inout Work, ticket: Ticket, scope: AgentScope, random: inout R
    ) throws {
        let agent = work.sender
        var ticket = ticket
        ticket.updatedAt = work.now
        let instruction = AgentInstruction.parse(work.newText)
        if scope == .thirdParty, !instruction.modifiers.contains(.relay), instruction.command.reachesCustomer {
            try refuse(
                &work, agent: agent, ticket: ticket, scope: .thirdParty, reason: "notRelayed",
                text: "The mail you answered about \(ticket.publicID) came from a third party, not the ticket's "
                    + "customer, so your answer was not sent. To send it to the customer, start it with #relay.",
                random: &random)
            work.events.append(
                AuditEvent(.note, reason: "notRelayed", "\(agent.address): \(work.newText.prefix(2000))"))
            work.ticket = ticket
            return
        }
        switch instruction.command {
        case .note(let note):
            work.events.append(AuditEvent(.note, "\(agent.address): \(note.prefix(2000))"))
            work.summary = .agentNote
        case .answer(let answer):
            try relay(answer, from: agent, instruction: instruction, ticket: &ticket, work: &work, random: &random)
            work.summary = .agentAnswer
        case .close(let reply):
            if let reply {
                try relay(reply, from: agent, instruction: instruction, ticket: &ticket, work: &work, random: &random)
            }
            ticket.status = .closed
            ticket.resolvedAt = ticket.resolvedAt ?? work.now
            ticket.closedAt = work.now
            work.events.append(AuditEvent(.closed, "closed by \(agent.address)"))
            work.summary = .agentClosed
        case .template(let name, let note):
            try sendTemplate(name, for: agent, ticket: &ticket, work: &work, random: &random)
            if let note, !note.isEmpty { work.events.append(AuditEvent(.note, "\(agent.address): \(note)")) }
        case .sendDraft(let note):
            guard let draft = SignalsJSON.draft(in: ticket.signalsJSON) else {
                try refuse(
                    &work, agent: agent, ticket: ticket, reason: "noDraft",
                    text: "There is no draft from the language model on \(ticket.publicID); nothing was sent.",
                    random: &random)
                break
            }
            try relay(
                draft, from: agent, instruction: instruction, ticket: &ticket, work: &work, learning: false,
                random: &random)
            work.events.append(
                AuditEvent(.note, reason: "sendDraft", "\(agent.address) sent the model's draft as written"))
            if let note, !note.isEmpty {
                work.events.append(AuditEvent(.note, "\(agent.address): \(note.prefix(2000))"))
            }
            work.summary = .agentAnswer
        case .reopen(let note):
            if ticket.status != .open {
                work.events.append(
                    AuditEvent(.reopened, "reopened by \(agent.address) (was \(ticket.status.rawValue))"))
                ticket.status = .open
                ticket.resolvedAt = nil
                ticket.reopenCount += 1
            }
            if let note, !note.isEmpty {
                work.events.append(AuditEvent(.note, "\(agent.address): \(note.prefix(2000))"))
            }
            work.summary = .agentNote
        case .invalid(let command, let problem):
            try refuse(
                &work, agent: agent, ticket: ticket, reason: "invalidCommand",
                text: "Your mail about \(ticket.publicID) was not sent to the customer: \(command): \(problem)",
                random: &random)
        }
        work.ticket = ticket
    }

    /// Tells the agent why nothing was sent, with a `rejected` event.
    private func refuse<R: RandomNumberGenerator>(
        _ work: inout Work, agent: Address, ticket: Ticket, scope: AgentScope = .answer, reason: String, text: String,
        random: inout R
    ) throws {
        let notice = try composeAgentNotice(
            to: agent, ticket: ticket, scope: scope, text: text, now: work.now, random: &random)
        work.queue(notice, "told \(agent.address) why nothing was sent")
        work.events.append(AuditEvent(.rejected, reason: reason, text))
        work.summary = .agentRejected
    }

    private func relay<R: RandomNumberGenerator>(
        _ answer: String, from agent: Address, instruction: AgentInstruction, ticket: inout Ticket, work: inout Work,
        learning: Bool = true, random: inout R
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
        Self.markAgentAnswer(&ticket, at: work.now)
        ticket.references = appendReference(ticket.references, draft.messageID)
        work.events.append(AuditEvent(.agentAnswered, "\(agent.address) answered", outboxMessageID: draft.messageID))
        guard learning else { return }
        try learn(answer, from: agent, instruction: instruction, ticket: ticket, work: &work, random: &random)
    }

    /// The answer enters the knowledge base as `pending`; with `#kb` it is approved at once when the
    /// personal-data screen finds nothing (else the agent is told what it found).
    private func learn<R: RandomNumberGenerator>(
        _ answer: String, from agent: Address, instruction: AgentInstruction, ticket: Ticket, work: inout Work,
        random: inout R
    ) throws {
        guard let question = ticket.question, !question.isEmpty else { return }
        var entry = KnowledgeEntry(
            ticketPublicID: ticket.publicID, question: question, answer: answer, intent: ticket.intent,
            language: ticket.language, author: agent.address.lowercased(), customerName: ticket.customerName,
            customerEmail: ticket.customerEmail)
        guard instruction.modifiers.contains(.reusable) else {
            work.knowledge = entry
            work.events.append(
                AuditEvent(.learned, reason: "pending", "answer kept for the knowledge base, pending review"))
            return
        }
        let findings = PersonalDataScreen.findings(in: entry)
        if findings.isEmpty {
            entry.state = .approved
            work.events.append(
                AuditEvent(.learned, reason: "approved", "answer approved for reuse by \(agent.address) (#kb)"))
        } else {
            let list = findings.map(\.description).joined(separator: "; ")
            work.events.append(
                AuditEvent(.learned, reason: "pending", "#kb refused by the personal-data screen: \(list)"))
            let notice = try composeAgentNotice(
                to: agent, ticket: ticket,
                text: """
                    Your answer was sent to the customer, but it was not approved for reuse: the personal-data screen \
                    found \(list). Edit the knowledge entry (placeholders such as {{customerName}} are fine) and approve \
                    it with `mailroom knowledge edit` and `mailroom knowledge approve`.
                    """, now: work.now, random: &random)
            work.queue(notice, "told \(agent.address) why the answer was not approved for reuse")
        }
        work.knowledge = entry
    }

    private func sendTemplate<R: RandomNumberGenerator>(
        _ name: String, for agent: Address, ticket: inout Ticket, work: inout Work, random: inout R
    ) throws {
        let language = ticket.language ?? settings.defaultLanguage
        guard !ReplyTemplate.staffOnly.contains(name.lowercased()),
            let rendered = renderer.render(.named(name), language: language, context: templateContext(for: ticket))
        else {
            let staffOnly = ReplyTemplate.staffOnly.contains(name.lowercased())
            try refuse(
                &work, agent: agent, ticket: ticket, reason: staffOnly ? "staffOnlyTemplate" : "unknownTemplate",
                text: staffOnly
                    ? "The template '\(name)' is for the agents only; nothing was sent to the customer."
                    : "There is no template named '\(name)'; nothing was sent.", random: &random)
            return
        }
        let draft = try composeCustomerMail(
            .agentTemplate, ticket: ticket, body: rendered, now: work.now, random: &random)
        work.queue(draft, "template \(name) chosen by \(agent.address)")
        ticket.status = .answered
        ticket.resolvedAt = work.now
        Self.markAgentAnswer(&ticket, at: work.now)
        ticket.references = appendReference(ticket.references, draft.messageID)
        work.events.append(
            AuditEvent(
                .agentAnswered, reason: "template", "\(agent.address) sent template \(name)",
                outboxMessageID: draft.messageID))
        work.summary = .agentTemplate
    }

    /// An agent answered: the first time is recorded, and an automatic answer before it counts as contradicted.
    static func markAgentAnswer(_ ticket: inout Ticket, at date: Date) {
        ticket.agentAnsweredAt = ticket.agentAnsweredAt ?? date
        if ticket.autoAnsweredAt != nil { ticket.contradicted = true }
    }
}
