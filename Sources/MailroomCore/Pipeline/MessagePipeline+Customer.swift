import Foundation
import MailMessage
import Triage

extension MessagePipeline {
    /// A person's mail: joins its ticket or opens one, is classified, and is answered, escalated or suppressed
    /// under the loop rules and the decision policy.
    func handleCustomerMail<R: RandomNumberGenerator>(_ work: inout Work, lookup: any GatewayLookup, random: inout R)
        throws
    {
        let text = work.newText
        var facts = TicketFacts()
        var ticket: Ticket
        if let existing = work.ticket {
            ticket = existing
            let method = work.threadMethod.map { "\($0)" } ?? "thread"
            work.events.append(AuditEvent(.threaded, reason: method, "joined \(existing.publicID) by \(method)"))
            if existing.customerEmail != work.sender.address.lowercased() || existing.status == .escalated {
                try forwardFollowUp(&work, ticket: existing, random: &random)
                return
            }
            facts = followUpFacts(existing, text: text, work: &work)
            if existing.status.isAnswered {
                ticket.status = .open
                work.events.append(AuditEvent(.reopened, "the customer wrote again after \(existing.status.rawValue)"))
            }
        } else {
            ticket = try openTicket(work, text: text, lookup: lookup, random: &random)
            work.ticketIsNew = true
            work.events.append(AuditEvent(.opened, "new ticket \(ticket.publicID) from \(ticket.customerEmail)"))
        }
        let analysis = analyse(work.parsed, text: text, isNew: work.ticketIsNew, excluding: ticket.publicID)
        record(analysis, on: &ticket, work: &work)
        let loop = try loopVerdict(work, lookup: lookup)
        let decision = decide(analysis, loop: loop, facts: facts, work: &work)
        try apply(decision, analysis: analysis, loop: loop, ticket: &ticket, work: &work, random: &random)
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

    func analyse(_ parsed: Message, text: String, isNew: Bool, excluding publicID: String) -> Analysis {
        let subject = parsed.subject ?? ""
        let classified = isNew && !subject.isEmpty ? subject + "\n" + text : text
        let signals = signalDetector.signals(classified)
        let similar = similarity(text).filter { $0.entry.ticketID != publicID }
        return Analysis(
            prediction: classifier?.predict(classified), signals: signals, similar: similar,
            language: signals.language.level)
    }

    private func record(_ analysis: Analysis, on ticket: inout Ticket, work: inout Work) {
        if let prediction = analysis.prediction {
            ticket.intent = prediction.intent
            ticket.confidence = prediction.confidence
        }
        let signals = analysis.signals
        ticket.urgency = signals.urgency.level.rawValue
        ticket.sentiment = signals.sentiment.level.rawValue
        ticket.churnRisk = signals.churnRisk.level.rawValue
        ticket.language = analysis.language
        ticket.signalsJSON = SignalsJSON.encode(signals)
        if let id = work.parsed.messageID, MessageID.isValid(id) {
            ticket.lastCustomerMessageID = id
            ticket.references = appendReference(ticket.references, id)
        }
        let intent =
            analysis.prediction.map { "\($0.intent) at \(Int(($0.confidence * 100).rounded()))%" }
            ?? "no model"
        work.events.append(
            AuditEvent(
                .classified, reason: analysis.prediction?.intent,
                "\(intent); urgency \(signals.urgency.level.rawValue), sentiment \(signals.sentiment.level.rawValue), "
                    + "churn risk \(signals.churnRisk.level.rawValue), language \(analysis.language)"
                    + (work.authentication.map { "; \($0.summary)" } ?? "")))
    }

    private func openTicket<R: RandomNumberGenerator>(
        _ work: Work, text: String, lookup: any GatewayLookup, random: inout R
    ) throws -> Ticket {
        var publicID = PublicIDGenerator.make(using: &random)
        var attempts = 0
        while try lookup.publicIDExists(publicID), attempts < 20 {
            publicID = PublicIDGenerator.make(using: &random)
            attempts += 1
        }
        let subject = work.parsed.subject.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
        var ticket = Ticket(
            publicID: publicID, customerEmail: work.sender.address, customerName: work.sender.name,
            subject: subject.isEmpty ? "(no subject)" : subject, status: .open, receivedAt: work.message.receivedAt)
        ticket.question = String(text.prefix(4000))
        return ticket
    }

    private func followUpFacts(_ ticket: Ticket, text: String, work: inout Work) -> TicketFacts {
        let evidence = ticket.status.isAnswered ? FollowUpIntent.detect(in: text) : nil
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

    /// The loop policy's verdict for automatic mail to this sender; starts pauses and counts limit hits.
    private func loopVerdict(_ work: Work, lookup: any GatewayLookup) throws -> LoopVerdict {
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

    private func decide(_ analysis: Analysis, loop: LoopVerdict, facts: TicketFacts, work: inout Work) -> Decision {
        let address = work.parsed.replyTo.first?.address.lowercased() ?? work.sender.address.lowercased()
        if let pause = loop.startPause {
            work.pauses.append(AddressPause(address: address, pause: pause))
            work.events.append(
                AuditEvent(
                    .paused, reason: pause.reason.rawValue,
                    "automatic mail to \(address) paused until \(pause.until.formatted(.iso8601))"))
        }
        if let suppression = loop.suppression {
            if suppression.code == .rateLimited { work.rateLimitHits.append(address) }
            let code: Reason.Code = suppression.code == .dmarcFail ? .senderNotAuthenticated : .loopDetected
            let reason = Reason(code, "\(suppression.code.rawValue): \(suppression.detail)")
            return suppression.reachesPerson ? .escalate(reasons: [reason]) : .suppress(reason: reason)
        }
        let best = analysis.similar.first
        let input = DecisionInput(
            prediction: analysis.prediction, signals: analysis.signals,
            similarResolution: best.map {
                SimilarResolution(
                    ticketID: $0.entry.ticketID, intent: $0.entry.intent, score: $0.score,
                    resolution: $0.entry.resolution)
            },
            sender: SenderFacts(dmarc: work.authentication?.dmarc ?? .unknown), ticket: facts)
        return decisionPolicy.decide(input)
    }
}
