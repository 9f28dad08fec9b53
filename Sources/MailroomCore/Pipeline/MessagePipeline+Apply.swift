import Foundation
import MailMessage
import Triage

extension MessagePipeline {
    /// Carries out the decision policy's decision: an automatic reply, an escalation (with an acknowledgement
    /// when the loop policy allows one) or a forward to the agents on a ticket they already have, or nothing.
    /// Every branch leaves its events.
    func apply<R: RandomNumberGenerator>(
        _ decision: Decision, input: DecisionInput, analysis: Analysis, loop: LoopVerdict, author: MessageAuthor,
        ticket: inout Ticket, work: inout Work, random: inout R
    ) throws {
        let codes = decision.reasons.map(\.code.rawValue).joined(separator: ",")
        switch decision {
        case .autoReply(let reply):
            let modelDraft = autoSendableDraft(for: reply, work: &work)
            guard let body = renderReply(reply, language: analysis.language, ticket: ticket, draft: modelDraft) else {
                // The template vanished between the check and the rendering: let the policy decide again.
                var input = input
                input.replyTemplateAvailable = false
                try apply(
                    decisionPolicy.decide(input), input: input, analysis: analysis, loop: loop, author: author,
                    ticket: &ticket, work: &work, random: &random)
                return
            }
            work.events.append(
                AuditEvent(
                    .decided, reason: codes,
                    decision.explanation + (modelDraft == nil ? "" : " The language model's draft is the answer.")))
            let draft = try composeCustomerMail(.autoReply, ticket: ticket, body: body, now: work.now, random: &random)
            work.queue(draft, "automatic reply (\(reply.intent), \(body.language)) to \(ticket.customerEmail)")
            ticket.status = .autoReplied
            ticket.autoAnsweredAt = ticket.autoAnsweredAt ?? work.now
            ticket.resolvedAt = work.now
            ticket.automaticReplies += 1
            ticket.references = appendReference(ticket.references, draft.messageID)
            work.knowledgeReused = reply.reusedResolution?.knowledgeID
            work.summary = .autoReplied
        case .escalate(let reasons):
            work.events.append(AuditEvent(.decided, reason: codes, decision.explanation))
            if !work.ticketIsNew, author != .customer || input.ticket.status == .escalated {
                try forward(&work, author: author, reasons: reasons.map(\.detail), ticket: &ticket, random: &random)
            } else {
                try escalate(
                    reasons: reasons.map(\.detail), codes: codes, analysis: analysis, loop: loop, ticket: &ticket,
                    work: &work, random: &random)
            }
        case .suppress:
            // The loop policy's code (rateLimited, senderCoolDown, ...), as on every other `suppressed` event.
            let code = loop.suppression?.code ?? .rateLimited
            work.events.append(AuditEvent(.suppressed, reason: code.rawValue, decision.explanation))
            work.summary = .suppressed(code)
        }
    }

    /// The automatic reply in the customer's language; a reused knowledge entry is rendered inside the intent's
    /// template, with its placeholders filled for this customer.
    private func renderReply(_ reply: AutoReply, language: String, ticket: Ticket, draft: String?) -> RenderedReply? {
        var context = templateContext(for: ticket)
        context.intent = .init(name: reply.intent, confidence: reply.confidence)
        if let draft {
            context.resolution = .init(text: draft, ticketId: "", score: 0)
        } else if let reused = reply.reusedResolution {
            let text = KnowledgePlaceholders.fill(reused.resolution, context: context)
            context.resolution = .init(text: text, ticketId: reused.ticketID, score: reused.score)
        }
        return renderer.render(.intent(reply.intent), language: language, context: context)
    }

    /// Escalates; the `escalated` event's reason holds the decision's reason codes (for KPIs by reason).
    private func escalate<R: RandomNumberGenerator>(
        reasons: [String], codes: String, analysis: Analysis, loop: LoopVerdict, ticket: inout Ticket,
        work: inout Work, random: inout R
    ) throws {
        var context = templateContext(for: ticket)
        context.customer.text = work.newText
        context.intent = analysis.prediction.map { .init(name: $0.intent, confidence: $0.confidence) }
        context.escalation = escalationSummary(reasons: reasons, analysis: analysis, parsed: work.parsed)
        context.escalation?.draft = work.opinion?.answer?.replyDraft
        let summary =
            renderer.render(.escalation, language: "en", context: context)
            ?? RenderedReply(
                text: "Escalated: \(reasons.joined(separator: "; "))\n\n\(work.newText)", html: nil,
                language: "en")
        let draft = try composeAgentMail(
            .escalation, ticket: ticket, scope: .answer, subject: "Escalated: \(ticket.subject)", body: summary,
            original: work.message.raw, now: work.now, random: &random)
        work.queue(draft, "escalation to \(settings.agentsInbox)")
        work.events.append(
            AuditEvent(
                .escalated, reason: codes, reasons.joined(separator: "; "),
                outboxMessageID: draft.messageID))
        ticket.status = .escalated
        ticket.escalatedAt = ticket.escalatedAt ?? work.now
        ticket.escalationMessageID = draft.messageID
        work.summary = .escalated
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

    /// A message on a ticket that is with the agents, or from someone who is not its customer: shown to the
    /// agents, nothing automatic to the sender. A third party's mail gets the agents' reply address of the
    /// third-party scope, so an answer to it reaches the customer only with `#relay`; it never changes the
    /// ticket's customer or status.
    func forward<R: RandomNumberGenerator>(
        _ work: inout Work, author: MessageAuthor, reasons: [String], ticket: inout Ticket, random: inout R
    ) throws {
        let analysis = analyse(
            work.parsed, text: work.newText, isNew: false, excluding: ticket.publicID,
            analyses: &work.analyses)
        var context = templateContext(for: ticket)
        context.customer.text = work.newText
        context.escalation = escalationSummary(reasons: reasons, analysis: analysis, parsed: work.parsed)
        if author == .customer { context.escalation?.draft = work.opinion?.answer?.replyDraft }
        if author != .customer {
            context.escalation?.author = TemplateContext.Author(address: work.sender, role: author)
        }
        let header = context.escalation?.author.map { "\($0.line) wrote:" } ?? "The customer wrote:"
        let body =
            renderer.render(.escalation, language: "en", context: context)
            ?? RenderedReply(
                text: "\(reasons.joined(separator: "; "))\n\n\(header)\n\(work.newText)", html: nil, language: "en")
        let subject =
            author == .thirdParty ? "Not from the customer: \(ticket.subject)" : "Follow-up: \(ticket.subject)"
        let draft = try composeAgentMail(
            .followUp, ticket: ticket, scope: author == .thirdParty ? .thirdParty : .answer, subject: subject,
            body: body, original: work.message.raw, now: work.now, random: &random)
        work.queue(
            draft, "\(author == .customer ? "follow-up" : author.rawValue + " mail") shown to \(settings.agentsInbox)")
        work.events.append(
            AuditEvent(
                .followUp, reason: author.rawValue,
                "\(header.dropLast()) while the ticket is \(ticket.status.rawValue)",
                outboxMessageID: draft.messageID))
        if author == .customer, let id = work.parsed.messageID, MessageID.isValid(id) {
            ticket.lastCustomerMessageID = id
            ticket.references = appendReference(ticket.references, id)
        }
        if author != .thirdParty, ticket.status != .escalated {
            ticket.status = .escalated
            ticket.escalatedAt = ticket.escalatedAt ?? work.now
            ticket.escalationMessageID = draft.messageID
        }
        work.summary = .forwarded
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
            messageSubject: parsed.subject.map { TextLimits.subject($0) } ?? "",
            messageDate: String((parsed.header["Date"] ?? "").prefix(100)))
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
