import Foundation
import Triage

extension MessagePipeline {
    /// What the decision policy acts on once the language model's opinion is weighed (`triage.backend`).
    struct Weighed {
        /// The analysis the ticket records and the policy decides on.
        var analysis: Analysis
        /// Whether its prediction's confidence is calibrated.
        var calibrated = true
        /// With `both`, whether the model agreed.
        var agreement: Agreement?
    }

    /// Weighs the opinion prepared for this message against the local `analysis`, recording a `triaged` event:
    /// with `llm` a valid answer replaces the prediction and raises the signals (never lowers them below the local
    /// detector's); with `both` the local analysis stands and the model's intent is compared with it; an invalid
    /// or missing answer leaves the local classifier to decide.
    func weigh(_ analysis: Analysis, work: inout Work) -> Weighed {
        let backend = settings.opinions.backend
        guard backend != .local else { return Weighed(analysis: analysis) }
        guard let opinion = work.opinion else {
            work.events.append(
                AuditEvent(
                    .triaged, reason: "not_asked",
                    "the language model was not asked for this message; the local classifier decides"))
            return Weighed(analysis: analysis, agreement: .missing("not asked"))
        }
        let json = opinion.auditJSON(backend: backend)
        guard let answer = opinion.answer else {
            let code = opinion.fallback ?? "no_answer"
            work.events.append(
                AuditEvent(
                    .triaged, reason: code,
                    "language model answer refused (\(code)\(opinion.fallbackDetail.map { ": \($0)" } ?? "")); "
                        + "the local classifier decides " + json))
            return Weighed(analysis: analysis, agreement: .missing(code))
        }
        let confidence = answer.calibratedConfidence.map { "calibrated \(Self.percent($0))" } ?? "uncalibrated"
        work.events.append(
            AuditEvent(
                .triaged, reason: "answered",
                "language model: \(answer.intent) (stated \(Self.percent(answer.statedConfidence)), \(confidence)); "
                    + "\(answer.reason.prefix(300)) " + json))
        switch backend {
        case .local:
            return Weighed(analysis: analysis)
        case .both:
            let local = analysis.prediction
            let agrees = local.map { !$0.isOutOfScope && !answer.isUnknown && $0.intent == answer.intent } ?? false
            return Weighed(
                analysis: analysis,
                agreement: agrees ? .agrees : .disagrees("\(answer.intent) against \(local?.intent ?? "no model")"))
        case .llm:
            var weighed = analysis
            weighed.prediction = opinion.prediction
            weighed.signals = raised(analysis.signals, by: answer)
            weighed.language = answer.language
            return Weighed(analysis: weighed, calibrated: answer.calibratedConfidence != nil)
        }
    }

    /// The local signals, each raised to the model's level when the model's is more severe (evidence names it).
    private func raised(_ signals: Signals, by answer: ModelOpinion.Answer) -> Signals {
        var result = signals
        if answer.urgency > signals.urgency.level {
            result.urgency = Signal(
                level: answer.urgency, score: signals.urgency.score,
                evidence: ["language model"] + signals.urgency.evidence)
        }
        if answer.churnRisk > signals.churnRisk.level {
            result.churnRisk = Signal(
                level: answer.churnRisk, score: signals.churnRisk.score,
                evidence: ["language model"] + signals.churnRisk.evidence)
        }
        if answer.sentiment == .negative, signals.sentiment.level != .negative {
            result.sentiment = Signal(
                level: .negative, score: signals.sentiment.score,
                evidence: ["language model"] + signals.sentiment.evidence)
        }
        result.language = Signal(level: answer.language, score: 1, evidence: ["language model"])
        return result
    }

    /// The model's draft as the automatic reply's text, when `llm.autoSendDrafts` allows it for `reply`; the
    /// screen's refusal is recorded (the intent's template is sent instead).
    func autoSendableDraft(for reply: AutoReply, work: inout Work) -> String? {
        guard settings.opinions.autoSendDrafts, settings.opinions.backend != .local,
            let answer = work.opinion?.answer, reply.reusedResolution == nil
        else { return nil }
        guard answer.intent == reply.intent else {
            work.events.append(
                AuditEvent(
                    .checked, reason: "draftNotSent",
                    "the model's draft was not sent: it was written for \(answer.intent), the reply is for \(reply.intent)"
                ))
            return nil
        }
        let problems = settings.opinions.screen.problems(in: answer.replyDraft)
        guard problems.isEmpty else {
            work.events.append(
                AuditEvent(
                    .checked, reason: "draftNotSent",
                    "the model's draft was not sent: " + problems.prefix(5).joined(separator: "; ")))
            return nil
        }
        return answer.replyDraft
    }

    static func percent(_ value: Double) -> String {
        "\(Int((value * 100).rounded()))%"
    }
}
