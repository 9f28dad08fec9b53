import Foundation
import MailMessage
import Triage

extension MessagePipeline {
    /// A person's mail: joins its ticket or opens one, is classified, and the decision policy decides what
    /// happens (an automatic reply, an escalation or a forward to the agents, or nothing).
    func handleCustomerMail<R: RandomNumberGenerator>(_ work: inout Work, lookup: any GatewayLookup, random: inout R)
        throws
    {
        var facts = TicketFacts()
        var ticket: Ticket
        var author = MessageAuthor.customer
        if let existing = work.ticket {
            ticket = existing
            author = MessageAuthor.of(
                work.sender.address, customer: existing.customerEmail, participants: existing.participants)
            let method = work.threadMethod.map { "\($0)" } ?? "thread"
            work.events.append(
                AuditEvent(
                    .threaded, reason: method,
                    "joined \(existing.publicID) by \(method)" + (author == .customer ? "" : " (\(author.rawValue))")))
            facts = followUpFacts(existing, author: author, work: &work)
            // Durable resolution: a reply that only confirms the answer helped ("thanks, that worked") is no
            // sign that the automatic answer failed.
            if author == .customer, existing.autoAnsweredAt != nil, existing.customerFollowUpAt == nil,
                !FollowUpIntent.confirmsItHelped(work.newText)
            {
                ticket.customerFollowUpAt = work.now
            }
            if author == .customer, existing.status.isAnswered {
                ticket.status = .open
                ticket.resolvedAt = nil
                ticket.reopenCount += 1
                work.events.append(AuditEvent(.reopened, "the customer wrote again after \(existing.status.rawValue)"))
            }
        } else {
            ticket = try openTicket(work, lookup: lookup, random: &random)
            work.ticketIsNew = true
            work.events.append(AuditEvent(.opened, "new ticket \(ticket.publicID) from \(ticket.customerEmail)"))
        }
        work.searchText = work.newText
        let weighed = weigh(
            analyse(
                work.parsed, text: work.newText, isNew: work.ticketIsNew, excluding: ticket.publicID,
                analyses: &work.analyses), work: &work)
        let analysis = weighed.analysis
        let similar = try approvedResolution(analysis, lookup: lookup)
        if author == .customer, facts.status != .escalated { record(analysis, on: &ticket, work: &work) }
        noteReturnPath(&work)
        let loop = try loopVerdict(work, lookup: lookup)
        recordLoopEffects(loop, work: &work)
        var input = DecisionInput(
            prediction: analysis.prediction, signals: analysis.signals, similarResolution: similar,
            sender: SenderFacts(
                dmarc: work.authentication?.dmarc ?? .unknown, author: author, address: work.sender.address),
            ticket: facts, loop: loop,
            replyTemplateAvailable: analysis.prediction.map {
                renderer.canRender(.intent($0.intent), language: analysis.language)
            } ?? false)
        input.predictionCalibrated = weighed.calibrated
        input.agreement = weighed.agreement
        let decision = decisionPolicy.decide(input)
        try apply(
            decision, input: input, analysis: analysis, loop: loop, author: author, ticket: &ticket, work: &work,
            random: &random)
        if work.contradicted { ticket.contradicted = true }
        ticket.updatedAt = work.now
        work.ticket = ticket
    }

    /// The classification, signals and similar resolved tickets of one message.
    struct Analysis {
        var prediction: IntentPrediction?
        var signals: Signals
        var similar: [SimilarityIndex.Match]
        var language: String
    }

    /// The analysis of a message's text on a ticket: the one in `analyses` when it was already worked out for the
    /// same classified text (by ``prepare(_:)`` or an earlier step), otherwise worked out now and kept there;
    /// similar tickets exclude the ticket itself.
    func analyse(
        _ parsed: Message, text: String, isNew: Bool, excluding publicID: String,
        analyses: inout [String: Analysis]
    ) -> Analysis {
        let heading = Self.classifiedHeading(parsed, isNew: isNew)
        let classified = Self.classifiedText(heading, text: text)
        var analysis: Analysis
        if let known = analyses[classified] {
            analysis = known
        } else {
            analysis = analyseText(text, under: heading)
            analyses[classified] = analysis
        }
        analysis.similar.removeAll { $0.entry.ticketID == publicID }
        return analysis
    }

    /// The best similar resolution, when its knowledge entry is still approved (read in this transaction: the
    /// index may lag behind an approval or rejection made elsewhere).
    private func approvedResolution(_ analysis: Analysis, lookup: any GatewayLookup) throws -> SimilarResolution? {
        guard let best = analysis.similar.first,
            let entry = try lookup.approvedKnowledge(ticketPublicID: best.entry.ticketID)
        else { return nil }
        return SimilarResolution(
            ticketID: best.entry.ticketID, intent: entry.intent ?? best.entry.intent, score: best.score,
            resolution: entry.answer, knowledgeID: entry.id)
    }

    private func record(_ analysis: Analysis, on ticket: inout Ticket, work: inout Work) {
        if let prediction = analysis.prediction {
            ticket.intent = prediction.intent
            ticket.confidence = prediction.confidence
        }
        let signals = analysis.signals
        if ticket.firstResponseDueAt == nil || Self.isMoreUrgent(signals.urgency.level.rawValue, than: ticket.urgency) {
            ticket.firstResponseDueAt = settings.sla.firstResponseDue(
                receivedAt: ticket.receivedAt, urgency: signals.urgency.level.rawValue)
            ticket.resolutionDueAt = settings.sla.resolutionDue(
                receivedAt: ticket.receivedAt, urgency: signals.urgency.level.rawValue)
        }
        ticket.urgency = signals.urgency.level.rawValue
        ticket.sentiment = signals.sentiment.level.rawValue
        ticket.churnRisk = signals.churnRisk.level.rawValue
        ticket.language = analysis.language
        ticket.signalsJSON = SignalsJSON.encode(signals, prediction: analysis.prediction, opinion: work.opinion)
        if let id = work.parsed.messageID, MessageID.isValid(id) {
            ticket.lastCustomerMessageID = id
            ticket.references = appendReference(ticket.references, id)
        }
        let intent =
            analysis.prediction.map { prediction in
                "\(prediction.intent) at \(Int((prediction.confidence * 100).rounded()))%"
                    + (prediction.alternatives.isEmpty
                        ? ""
                        : " (then "
                            + prediction.alternatives.prefix(2).map {
                                "\($0.intent) \(Int(($0.confidence * 100).rounded()))%"
                            }.joined(separator: ", ") + ")")
            } ?? "no model"
        work.events.append(
            AuditEvent(
                .classified, reason: analysis.prediction?.intent,
                "\(intent); urgency \(signals.urgency.level.rawValue), sentiment \(signals.sentiment.level.rawValue), "
                    + "churn risk \(signals.churnRisk.level.rawValue), language \(analysis.language)"
                    + (work.authentication.map { "; \($0.summary)" } ?? "")))
    }

    /// A mail without any Return-Path is not null-sender mail (only `Return-Path: <>` is): it is answered at its
    /// From address like any other, and the audit trail says the header was missing.
    private func noteReturnPath(_ work: inout Work) {
        guard work.parsed.returnPath == nil else { return }
        work.events.append(
            AuditEvent(
                .checked, reason: "missingReturnPath",
                "no Return-Path header (imported or dropped mail?): treated as unknown, the From address is answered"))
    }

    private func openTicket<R: RandomNumberGenerator>(_ work: Work, lookup: any GatewayLookup, random: inout R) throws
        -> Ticket
    {
        var publicID = PublicIDGenerator.make(using: &random)
        var attempts = 0
        while try lookup.publicIDExists(publicID), attempts < 20 {
            publicID = PublicIDGenerator.make(using: &random)
            attempts += 1
        }
        let subject = work.parsed.subject.map { TextLimits.subject($0).trimmingCharacters(in: .whitespaces) } ?? ""
        var ticket = Ticket(
            publicID: publicID, customerEmail: work.sender.address, customerName: work.sender.name,
            subject: subject.isEmpty ? "(no subject)" : subject, status: .open, receivedAt: work.message.receivedAt)
        ticket.question = String(work.newText.prefix(4000))
        ticket.participants = participants(of: work)
        return ticket
    }

    /// The other people on the customer's own To and Cc (without our addresses and the customer), at most 20.
    private func participants(of work: Work) -> [String] {
        let customer = work.sender.address.lowercased()
        var found: [String] = []
        for address in (work.parsed.to + work.parsed.cc).map({ $0.address.lowercased() }) {
            guard address.contains("@"), address != customer, address != settings.agentsInbox,
                !plusAddress.isOwnAddress(address), !found.contains(address)
            else { continue }
            found.append(address)
        }
        return Array(found.prefix(20))
    }

    private func followUpFacts(_ ticket: Ticket, author: MessageAuthor, work: inout Work) -> TicketFacts {
        let evidence = author == .customer && ticket.status.isAnswered ? FollowUpIntent.detect(in: work.newText) : nil
        if evidence != nil, ticket.autoAnsweredAt != nil { work.contradicted = true }
        if let evidence {
            work.events.append(
                AuditEvent(
                    .followUp, reason: "didNotHelp",
                    "the customer says the answer did not help (\"\(evidence.phrase)\")"))
        }
        return TicketFacts(
            isFollowUp: true, status: ticket.status, previousAnswerDidNotHelp: evidence != nil,
            autoRepliesSent: ticket.automaticReplies)
    }

    /// The loop policy's verdict for automatic mail to this sender.
    func loopVerdict(_ work: Work, lookup: any GatewayLookup) throws -> LoopVerdict {
        var check = work.loopCheck()
        if let address = check.answerAddress {
            check.history = SenderHistory(
                automaticLastHour: try lookup.automaticMailCount(
                    to: address, since: LoopPolicy.hourWindowStart(now: work.now)),
                automaticLastDay: try lookup.automaticMailCount(
                    to: address, since: LoopPolicy.dayWindowStart(now: work.now)),
                rateLimitedAt: try lookup.rateLimitTimes(for: address, since: LoopPolicy.dayWindowStart(now: work.now)))
            check.pause = try lookup.activePause(for: address, at: work.now)
        }
        return loopPolicy.evaluate(check, now: work.now)
    }

    /// A cool-down the loop policy started, and a rate-limit hit, are stored with the message.
    private func recordLoopEffects(_ loop: LoopVerdict, work: inout Work) {
        let address = work.parsed.replyTo.first?.address.lowercased() ?? work.sender.address.lowercased()
        if let pause = loop.startPause {
            work.pauses.append(AddressPause(address: address, pause: pause))
            work.events.append(
                AuditEvent(
                    .paused, reason: pause.reason.rawValue,
                    "automatic mail to \(address) paused until \(pause.until.formatted(.iso8601))"))
        }
        if loop.suppression?.code == .rateLimited { work.rateLimitHits.append(address) }
    }

    /// Whether urgency `level` is higher than `current` (a more urgent follow-up tightens the SLA).
    static func isMoreUrgent(_ level: String, than current: String?) -> Bool {
        let levels = SLAPolicy.levels
        guard let new = levels.firstIndex(of: level) else { return false }
        return new > (current.flatMap { levels.firstIndex(of: $0) } ?? -1)
    }
}
