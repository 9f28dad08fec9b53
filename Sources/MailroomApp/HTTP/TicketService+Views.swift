import Foundation
import MailMessage
import MailroomCore
import MailroomHTTP
import MailroomStore

extension TicketService {
    /// A stored message as the API shows it: who wrote it (as seen from the ticket) and their new text.
    static func view(_ message: StoredMessage, ticket: Ticket) -> MessageView {
        let parsed = try? MessageParser.parse(message.raw)
        let text = parsed.map { TextLimits.text($0.newText(maximumBytes: TextLimits.maximumBodyBytes)) } ?? ""
        return MessageView(
            id: message.id, role: role(of: message, ticket: ticket), source: message.source, from: message.fromAddress,
            subject: message.subject, receivedAt: message.receivedAt, kind: message.kind,
            state: message.state.rawValue, outcome: message.outcome, text: text)
    }

    static func role(of message: StoredMessage, ticket: Ticket) -> String {
        if message.submittedBy != nil { return "agent" }
        if let kind = message.kind, kind != "normal" { return "machine" }
        if (message.outcome ?? "").hasPrefix("agent") { return "agent" }
        guard let from = message.fromAddress else { return "unknown" }
        return MessageAuthor.of(from, customer: ticket.customerEmail, participants: ticket.participants).rawValue
    }

    static func view(_ evaluation: Evaluation, applied: Bool) -> EvaluationView {
        let signals = evaluation.signals
        return EvaluationView(
            intent: evaluation.prediction?.intent, confidence: evaluation.prediction?.confidence,
            alternatives: (evaluation.prediction?.alternatives ?? []).prefix(3).map {
                IntentScore(intent: $0.intent, score: $0.confidence)
            },
            urgency: signals.urgency.level.rawValue, sentiment: signals.sentiment.level.rawValue,
            churnRisk: signals.churnRisk.level.rawValue, language: signals.language.level,
            decision: evaluation.decision.kind,
            reasons: evaluation.decision.reasons.map { ReasonView(code: $0.code.rawValue, detail: $0.detail) },
            explanation: evaluation.decision.explanation, applied: applied)
    }

    /// The intents and signals of the ticket's latest classification (its stored JSON).
    static func classification(_ json: String?) -> ([IntentScore], [SignalView]) {
        guard let data = json?.data(using: .utf8),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return ([], []) }
        let intents = (object["intents"] as? [[String: Any]] ?? []).compactMap { entry -> IntentScore? in
            guard let intent = entry["intent"] as? String, let score = (entry["score"] as? NSNumber)?.doubleValue
            else { return nil }
            return IntentScore(intent: intent, score: score)
        }
        let signals = ["urgency", "sentiment", "churnRisk", "language"].compactMap { name -> SignalView? in
            guard let entry = object[name] as? [String: Any], let level = entry["level"] as? String else { return nil }
            return SignalView(
                name: name, level: level, score: (entry["score"] as? NSNumber)?.doubleValue ?? 0,
                evidence: entry["evidence"] as? [String] ?? [])
        }
        return (intents, signals)
    }
}
