import Foundation
import MailMessage
import Triage

extension MessagePipeline {
    /// Carries out a decision: an automatic reply, an escalation (with an acknowledgement when allowed), or
    /// nothing; every branch leaves its events.
    func apply<R: RandomNumberGenerator>(
        _ decision: Decision, analysis: Analysis, loop: LoopVerdict, ticket: inout Ticket, work: inout Work,
        random: inout R
    ) throws {
        let codes = decision.reasons.map(\.code.rawValue).joined(separator: ",")
        switch decision {
        case .autoReply(let reply):
            var context = templateContext(for: ticket)
            context.intent = .init(name: reply.intent, confidence: reply.confidence)
            if let reused = reply.reusedResolution {
                context.resolution = .init(text: reused.resolution, ticketId: reused.ticketID, score: reused.score)
            }
            guard let body = renderer.render(.intent(reply.intent), language: analysis.language, context: context)
            else {
                let missing = Reason(.modelUnavailable, "no template could be rendered for \(reply.intent)")
                try apply(
                    .escalate(reasons: [missing]), analysis: analysis, loop: loop, ticket: &ticket, work: &work,
                    random: &random)
                return
            }
            work.events.append(AuditEvent(.decided, reason: codes, decision.explanation))
            let draft = try composeCustomerMail(.autoReply, ticket: ticket, body: body, now: work.now, random: &random)
            work.queue(draft, "automatic reply (\(reply.intent), \(body.language)) to \(ticket.customerEmail)")
            ticket.status = .autoReplied
            ticket.automaticReplies += 1
            ticket.references = appendReference(ticket.references, draft.messageID)
            work.summary = "auto-replied"
        case .escalate(let reasons):
            work.events.append(AuditEvent(.decided, reason: codes, decision.explanation))
            try escalate(
                reasons: reasons.map(\.detail), analysis: analysis, loop: loop, ticket: &ticket, work: &work,
                random: &random)
        case .suppress(let reason):
            // The loop policy's code (rateLimited, senderCoolDown, ...), as on every other `suppressed` event.
            let code = loop.suppression?.code.rawValue ?? reason.code.rawValue
            work.events.append(AuditEvent(.suppressed, reason: code, decision.explanation))
            work.summary = "suppressed: \(reason.detail.prefix(60))"
        }
    }

    private func escalate<R: RandomNumberGenerator>(
        reasons: [String], analysis: Analysis, loop: LoopVerdict, ticket: inout Ticket, work: inout Work,
        random: inout R
    ) throws {
        var context = templateContext(for: ticket)
        context.customer.text = work.newText
        context.intent = analysis.prediction.map { .init(name: $0.intent, confidence: $0.confidence) }
        context.escalation = escalationSummary(reasons: reasons, analysis: analysis, parsed: work.parsed)
        let summary =
            renderer.render(.escalation, language: "en", context: context)
            ?? RenderedReply(
                text: "Escalated: \(reasons.joined(separator: "; "))\n\n\(work.newText)", html: nil,
                language: "en")
        let draft = try composeAgentMail(
            .escalation, ticket: ticket, subject: "Escalated: \(ticket.subject)", body: summary,
            original: work.message.raw, now: work.now, random: &random)
        work.queue(draft, "escalation to \(settings.agentsInbox)")
        work.events.append(
            AuditEvent(
                .escalated, reason: "escalated", reasons.joined(separator: "; "),
                outboxMessageID: draft.messageID))
        ticket.status = .escalated
        ticket.escalationMessageID = draft.messageID
        work.summary = "escalated"
        guard loop.allowsAutomatic else {
            work.events.append(
                AuditEvent(
                    .suppressed, reason: loop.suppression?.code.rawValue,
                    "no acknowledgement to the customer: \(loop.suppression?.detail ?? "not allowed")"))
            return
        }
        if let ack = renderer.render(
            .acknowledgement, language: analysis.language, context: templateContext(for: ticket))
        {
            let draft = try composeCustomerMail(
                .acknowledgement, ticket: ticket, body: ack, now: work.now, random: &random)
            work.queue(draft, "acknowledgement (\(ack.language)) to \(ticket.customerEmail)")
            ticket.automaticReplies += 1
            ticket.references = appendReference(ticket.references, draft.messageID)
        }
    }

    /// A follow-up on a ticket that is with the agents (or a third party writing into a ticket): forwarded
    /// to the agents; nothing automatic goes to the sender.
    func forwardFollowUp<R: RandomNumberGenerator>(_ work: inout Work, ticket: Ticket, random: inout R) throws {
        var ticket = ticket
        let fromCustomer = ticket.customerEmail == work.sender.address.lowercased()
        let reason =
            fromCustomer
            ? "the customer wrote again while the ticket is with the agents"
            : "\(work.sender.address) (not the ticket's customer) wrote into the ticket"
        var context = templateContext(for: ticket)
        context.customer.text = work.newText
        let analysis = analyse(work.parsed, text: work.newText, isNew: false, excluding: ticket.publicID)
        context.escalation = escalationSummary(reasons: [reason], analysis: analysis, parsed: work.parsed)
        let body =
            renderer.render(.escalation, language: "en", context: context)
            ?? RenderedReply(text: "\(reason)\n\n\(work.newText)", html: nil, language: "en")
        let draft = try composeAgentMail(
            .followUp, ticket: ticket, subject: "Follow-up: \(ticket.subject)", body: body, original: work.message.raw,
            now: work.now, random: &random)
        work.queue(draft, "follow-up forwarded to \(settings.agentsInbox)")
        work.events.append(
            AuditEvent(
                .followUp, reason: fromCustomer ? "customer" : "thirdParty", reason,
                outboxMessageID: draft.messageID))
        if fromCustomer, let id = work.parsed.messageID, MessageID.isValid(id) {
            ticket.lastCustomerMessageID = id
            ticket.references = appendReference(ticket.references, id)
        }
        if ticket.status != .escalated {
            ticket.status = .escalated
            ticket.escalationMessageID = draft.messageID
        }
        ticket.updatedAt = work.now
        work.ticket = ticket
        work.summary = "forwarded to agents"
    }

    private func escalationSummary(reasons: [String], analysis: Analysis, parsed: Message) -> TemplateContext.Escalation
    {
        let signals = analysis.signals
        return TemplateContext.Escalation(
            reasons: reasons,
            signals: .init(
                urgency: signals.urgency.level.rawValue, sentiment: signals.sentiment.level.rawValue,
                churnRisk: signals.churnRisk.level.rawValue, language: analysis.language),
            similar: analysis.similar.prefix(3).map {
                .init(ticketId: $0.entry.ticketID, score: $0.score, excerpt: String($0.entry.customerText.prefix(120)))
            },
            messageSubject: parsed.subject ?? "", messageDate: parsed.header["Date"] ?? "")
    }

    /// What every template of a ticket gets: the customer, the ticket with its threading token line, the shop.
    func templateContext(for ticket: Ticket) -> TemplateContext {
        TemplateContext(
            customer: .init(displayName: ticket.customerName, email: ticket.customerEmail),
            ticket: .init(
                id: ticket.publicID, subject: ticket.subject,
                reference: (try? bodyToken.marker(for: ticket.publicID)) ?? ""),
            company: .init(name: settings.companyName, supportAddress: settings.supportAddress))
    }

    /// The thread's references with `id` added once, at most the last 20.
    func appendReference(_ references: [String], _ id: String) -> [String] {
        guard MessageID.isValid(id), !references.contains(id) else { return references }
        return Array((references + [id]).suffix(20))
    }
}
