import Foundation
import MailMessage
import Triage

/// What the pipeline would decide for a message now: the model's recommendation and the policy's decision.
public struct Evaluation: Sendable, Hashable {
    /// The prediction, when a model is configured.
    public var prediction: IntentPrediction?
    /// Urgency, sentiment, churn risk and language.
    public var signals: Signals
    /// The loop policy's verdict for the sender.
    public var loop: LoopVerdict
    /// The decision with its reasons.
    public var decision: Decision
}

extension MessagePipeline {
    /// A mail that carries a person's action on a ticket through the same path as an agent's emailed answer: from
    /// `author` to the ticket's agents' reply address, `text` as the body (a first-line command or an answer).
    /// Stored with `submittedBy` set by the API (which proved who the author is) and processed like any mail.
    public func actionMail<R: RandomNumberGenerator>(
        ticketPublicID: String, author: Address, text: String, now: Date, random: inout R
    ) throws -> [UInt8] {
        var message = OutgoingMessage(
            from: author, to: [Address(address: try plusAddress.agentAddress(for: ticketPublicID, scope: .answer))],
            subject: "Action on \(ticketPublicID)", date: now,
            messageID: try MessageID.generate(domain: settings.domain, date: now, using: &random))
        message.extraFields = [HeaderField(name: "X-Mailroom-Source", value: "api")]
        message.textBody = text
        return try message.render(using: &random)
    }

    /// A customer's answer to "did this answer your question?" from a feedback link. `no` reopens the ticket and
    /// hands it to the agents, as a "that did not help" reply does; `yes` is recorded.
    public func feedback<R: RandomNumberGenerator>(
        helpful: Bool, ticket: Ticket, now: Date, random: inout R
    ) throws -> ProcessingOutcome {
        var ticket = ticket
        var events = [
            AuditEvent(
                .feedback, reason: helpful ? "yes" : "no",
                helpful ? "the customer says the answer helped" : "the customer says the answer did not help")
        ]
        var drafts: [OutboxDraft] = []
        if !helpful, ticket.status.isAnswered || ticket.status == .open {
            let reason = "the customer says the answer did not help (feedback link)"
            events.append(AuditEvent(.reopened, "reopened by the customer's feedback (was \(ticket.status.rawValue))"))
            ticket.reopenCount += 1
            ticket.resolvedAt = nil
            if ticket.autoAnsweredAt != nil { ticket.contradicted = true }
            var context = templateContext(for: ticket)
            context.customer.text = ticket.question
            context.escalation = TemplateContext.Escalation(
                reasons: [reason],
                signals: .init(
                    urgency: ticket.urgency ?? "-", sentiment: ticket.sentiment ?? "-",
                    churnRisk: ticket.churnRisk ?? "-", language: ticket.language ?? "-"),
                messageSubject: ticket.subject, messageDate: now.formatted(.iso8601))
            let body =
                renderer.render(.escalation, language: "en", context: context)
                ?? RenderedReply(text: reason, html: nil, language: "en")
            let draft = try composeAgentMail(
                .escalation, ticket: ticket, scope: .answer, subject: "Did not help: \(ticket.subject)", body: body,
                original: nil, now: now, random: &random)
            drafts.append(draft)
            events.append(AuditEvent(.queued, reason: draft.purpose.rawValue, "escalation to \(settings.agentsInbox)"))
            events.append(
                AuditEvent(.escalated, reason: "previousAnswerDidNotHelp", reason, outboxMessageID: draft.messageID))
            ticket.status = .escalated
            ticket.escalatedAt = ticket.escalatedAt ?? now
            ticket.escalationMessageID = draft.messageID
        }
        ticket.updatedAt = now
        return ProcessingOutcome(
            disposition: .processed(summary: helpful ? .agentNote : .escalated), ticket: ticket, events: events,
            outbox: drafts)
    }

    /// What the model and the policy decide for the customer's `message` on `ticket` now, as if it were the
    /// ticket's first mail (the loop policy's history of the sender counts). With `act`, the decision is carried
    /// out on the ticket (an automatic reply, or an escalation with an acknowledgement) and the outcome returned
    /// for the store to apply; without, nothing is written.
    public func evaluate<R: RandomNumberGenerator>(
        _ message: InboundMessage, ticket: Ticket, lookup: any GatewayLookup, act: Bool, by person: String, now: Date,
        random: inout R
    ) throws -> (Evaluation, ProcessingOutcome?)? {
        guard let parsed = try? MessageParser.parse(message.raw, limits: settings.parseLimits),
            let sender = parsed.from.first ?? parsed.sender
        else { return nil }
        var work = Work(message: message, parsed: parsed, sender: sender, now: now)
        work.authentication = authentication?.verdict(for: parsed)
        var ticket = ticket
        let analysis = analyse(
            parsed, text: work.newText, isNew: true, excluding: ticket.publicID, analyses: &work.analyses)
        let loop = try loopVerdict(work, lookup: lookup)
        let input = DecisionInput(
            prediction: analysis.prediction, signals: analysis.signals,
            sender: SenderFacts(dmarc: work.authentication?.dmarc ?? .unknown, address: sender.address),
            loop: loop,
            replyTemplateAvailable: analysis.prediction.map {
                renderer.canRender(.intent($0.intent), language: analysis.language)
            } ?? false)
        let decision = decisionPolicy.decide(input)
        let evaluation = Evaluation(
            prediction: analysis.prediction, signals: analysis.signals, loop: loop, decision: decision)
        guard act else { return (evaluation, nil) }
        work.ticket = ticket
        work.events.append(
            AuditEvent(.evaluated, reason: decision.kind, "\(person) asked for a new decision and acted on it"))
        try apply(
            decision, input: input, analysis: analysis, loop: loop, author: .customer, ticket: &ticket, work: &work,
            random: &random)
        ticket.updatedAt = now
        work.ticket = ticket
        return (evaluation, work.outcome())
    }
}
