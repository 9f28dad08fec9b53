import Triage

/// Decides what happens to a customer-side message, in one place: the model recommends, the policy decides.
///
/// In order: the loop policy's verdict (a suppression that should reach a person escalates, any other
/// suppresses: nothing automatic is sent either way); then every rule that objects to automation adds a reason
/// (who wrote, the sender's authentication, the ticket's state, the prediction, the signals, whether a template
/// exists), and any reason means escalation. Without a model the policy escalates (never guesses). A resolved
/// ticket's answer is reused only from an approved knowledge entry of the same intent.
public struct DecisionPolicy: Sendable {
    /// The rules' settings.
    public var configuration: Configuration

    /// Creates a policy.
    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    /// The decision for one message.
    public func decide(_ input: DecisionInput) -> Decision {
        if let suppression = input.loop.suppression {
            let code: Reason.Code = suppression.code == .dmarcFail ? .senderNotAuthenticated : .loopDetected
            let reason = Reason(code, "\(suppression.code.rawValue): \(suppression.detail)")
            return suppression.reachesPerson ? .escalate(reasons: [reason]) : .suppress(reason: reason)
        }
        guard let prediction = input.prediction else {
            let noModel = Reason(.modelUnavailable, "no intent model available, not guessing")
            return .escalate(reasons: authorObjections(input.sender) + [noModel])
        }
        var objections = authorObjections(input.sender) + senderAndTicketObjections(input)
        objections += messageObjections(prediction, input.signals)
        objections += modelObjections(input)
        if !input.replyTemplateAvailable {
            objections.append(Reason(.noTemplate, "no reply template can be rendered for \(prediction.intent)"))
        }
        guard objections.isEmpty else { return .escalate(reasons: objections) }
        let threshold = configuration.threshold(for: prediction.intent)
        let confident = Reason(
            .confidentIntent, "confidence \(Self.format(prediction.confidence)) >= \(Self.format(threshold))")
        if let similar = input.similarResolution, similar.knowledgeID != nil,
            similar.score >= configuration.similarityThreshold, similar.intent == prediction.intent
        {
            let reused = ReusedResolution(
                ticketID: similar.ticketID, score: similar.score, resolution: similar.resolution,
                knowledgeID: similar.knowledgeID)
            let known = Reason(
                .knownResolution,
                "knowledge entry \(similar.knowledgeID.map(String.init) ?? "?") (ticket \(similar.ticketID)) is "
                    + "\(Self.format(similar.score)) similar, at least "
                    + Self.format(configuration.similarityThreshold))
            return .autoReply(
                AutoReply(
                    intent: prediction.intent, confidence: prediction.confidence, reusedResolution: reused,
                    reasons: [confident, known]))
        }
        return .autoReply(
            AutoReply(intent: prediction.intent, confidence: prediction.confidence, reasons: [confident]))
    }

    /// A language model's confidence without a calibration, and a disagreement `triage.requireAgreement` forbids.
    private func modelObjections(_ input: DecisionInput) -> [Reason] {
        var reasons: [Reason] = []
        if !input.predictionCalibrated {
            reasons.append(
                Reason(
                    .uncalibratedConfidence,
                    "the language model's confidence is not calibrated (run mailroom evaluate --backend llm)"))
        }
        if configuration.requireAgreement, let agreement = input.agreement {
            switch agreement {
            case .agrees: break
            case .disagrees(let detail):
                reasons.append(Reason(.modelsDisagree, "the language model disagrees: \(detail)"))
            case .missing(let detail):
                reasons.append(Reason(.modelsDisagree, "no agreement: the language model gave no answer (\(detail))"))
            }
        }
        return reasons
    }

    private func authorObjections(_ sender: SenderFacts) -> [Reason] {
        switch sender.author {
        case .customer: return []
        case .colleague:
            return [Reason(.colleagueOfCustomer, "\(sender.address) is on the customer's mail but is not the customer")]
        case .thirdParty:
            return [Reason(.thirdPartySender, "\(sender.address) is not the ticket's customer")]
        }
    }

    private func senderAndTicketObjections(_ input: DecisionInput) -> [Reason] {
        var reasons: [Reason] = []
        if input.sender.dmarc == .fail && configuration.escalateOnDMARCFailure {
            reasons.append(Reason(.senderNotAuthenticated, "sender failed DMARC"))
        }
        if input.ticket.isFollowUp && input.ticket.status == .escalated {
            reasons.append(Reason(.ticketWithAgent, "the ticket is already with an agent"))
        }
        if input.ticket.previousAnswerDidNotHelp {
            reasons.append(Reason(.previousAnswerDidNotHelp, "the customer says the previous answer did not help"))
        }
        if input.ticket.autoRepliesSent >= configuration.maxAutoRepliesPerTicket {
            reasons.append(
                Reason(
                    .autoReplyLimitReached,
                    "the ticket already got \(input.ticket.autoRepliesSent) automatic "
                        + "repl\(input.ticket.autoRepliesSent == 1 ? "y" : "ies") (limit "
                        + "\(configuration.maxAutoRepliesPerTicket))"))
        }
        return reasons
    }

    private func messageObjections(_ prediction: IntentPrediction, _ signals: Signals) -> [Reason] {
        var reasons: [Reason] = []
        if prediction.isOutOfScope {
            reasons.append(Reason(.outOfScope, "the message fits no known intent"))
        } else if configuration.alwaysEscalate.contains(prediction.intent) {
            reasons.append(Reason(.alwaysEscalateIntent, "\(prediction.intent) always goes to a person"))
        }
        let threshold = configuration.threshold(for: prediction.intent)
        if !prediction.isOutOfScope && prediction.confidence < threshold {
            reasons.append(
                Reason(
                    .lowConfidence,
                    "confidence \(Self.format(prediction.confidence)) for \(prediction.intent) is below "
                        + Self.format(threshold)))
        }
        if configuration.escalateOnCriticalUrgency && signals.urgency.level == .critical {
            reasons.append(Reason(.criticalUrgency, "critical urgency (\(Self.evidence(signals.urgency.evidence)))"))
        }
        if configuration.escalateOnUnhappyCustomerAtRisk && signals.sentiment.level == .negative
            && signals.churnRisk.level == .high
        {
            reasons.append(
                Reason(
                    .unhappyCustomerAtRisk,
                    "negative tone and high churn risk (\(Self.evidence(signals.churnRisk.evidence)))"))
        }
        return reasons
    }

    static func format(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    static func evidence(_ items: [String]) -> String {
        items.isEmpty ? "no detail" : items.prefix(3).joined(separator: ", ")
    }
}
