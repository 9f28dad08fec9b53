import Foundation
import MailroomCore

/// A ticket's page: the thread (inbound messages and outgoing mail in time order, each marked by who wrote it),
/// the decision trail and the outgoing mail with its delivery state.
enum ConsoleTrail {
    static func data(_ detail: TicketDetail) -> [String: Any] {
        var ticket = ConsoleFormat.row(detail.ticket)
        if let sentiment = detail.sentiment { ticket["sentiment"] = sentiment }
        if let churn = detail.churnRisk { ticket["churnRisk"] = churn }
        ticket["reopenCount"] = detail.reopenCount > 0 ? "\(detail.reopenCount)" : ""
        let status = detail.ticket.status
        return [
            "ticket": ticket, "thread": thread(detail),
            "intents": detail.intents.enumerated().map { index, score in
                [
                    "intent": score.intent, "score": ConsoleFormat.score(score.score), "value": score.score,
                    "top": index == 0,
                ]
            },
            "signals": detail.signals.map {
                ["name": $0.name, "level": $0.level, "score": ConsoleFormat.score($0.score), "evidence": $0.evidence]
            },
            "checks": checks(detail.events), "reasons": reasons(detail.events), "used": used(detail.events),
            "outgoing": detail.outbox.map(outgoing),
            "events": detail.events.map {
                ["at": ConsoleFormat.time($0.at), "type": $0.type, "reason": $0.reason ?? "", "detail": $0.detail]
            },
            "canClose": status != .closed, "canReopen": status == .closed || status == .answered,
            "draft": detail.draft ?? false,
        ]
    }

    /// Inbound messages and outgoing mail, oldest first.
    static func thread(_ detail: TicketDetail) -> [[String: Any]] {
        var items: [(Date, [String: Any])] = detail.messages.map { message in
            let role = role(of: message)
            let item: [String: Any] = [
                "role": role, "label": label(role), "at": ConsoleFormat.time(message.receivedAt),
                "from": message.from ?? "", "to": "", "subject": message.subject ?? "", "text": message.text,
                "source": message.source, "outcome": message.outcome ?? "", "state": "", "outgoing": false,
            ]
            return (message.receivedAt, item)
        }
        for mail in detail.outbox {
            let role: String
            switch mail.purpose {
            case "auto_reply", "acknowledgement", "agent_template": role = "automatic"
            case "agent_relay": role = "agent"
            default: role = "internal"
            }
            let label = role == "agent" ? "Agent answer, as sent" : label(role)
            items.append(
                (
                    mail.createdAt,
                    [
                        "role": role, "label": label, "at": ConsoleFormat.time(mail.createdAt),
                        "from": "Mailroom", "to": mail.recipients.joined(separator: ", "), "subject": mail.subject,
                        "text": mail.text ?? "", "state": mail.state.rawValue, "outgoing": true, "source": "outbox",
                        "outcome": "",
                    ]
                ))
        }
        return items.enumerated().sorted { ($0.element.0, $0.offset) < ($1.element.0, $1.offset) }.map(\.element.1)
    }

    static func role(of message: MessageView) -> String {
        switch message.role {
        case "customer": return "customer"
        case "agent", "colleague":
            return message.text.hasPrefix("#note") ? "note" : "agent"
        case "thirdParty": return "third-party"
        case "machine": return "machine"
        default: return "unknown"
        }
    }

    static func label(_ role: String) -> String {
        switch role {
        case "customer": return "Customer"
        case "automatic": return "Automatic reply"
        case "agent": return "Agent answer"
        case "note": return "Internal note"
        case "third-party": return "Third party"
        case "machine": return "Machine mail (bounce, auto-reply, list)"
        case "internal": return "To the agents"
        default: return "Unknown sender"
        }
    }

    /// Loop, automation and authentication checks: what the sender checks recorded, and the receiving server's
    /// verdict as the classification recorded it.
    static func checks(_ events: [EventView]) -> [[String: String]] {
        var checks: [[String: String]] = []
        for event in events {
            switch event.type {
            case "suppressed", "checked", "rejected", "paused", "bounced", "duplicate":
                checks.append(["check": event.reason ?? event.type, "detail": event.detail])
            case "classified":
                if let auth = event.detail.split(separator: ";").last(where: {
                    $0.contains("dmarc=") || $0.contains("spf=") || $0.contains("dkim=")
                }) {
                    checks.append(["check": "authentication", "detail": auth.trimmingCharacters(in: .whitespaces)])
                }
            default: continue
            }
        }
        if !checks.contains(where: { $0["check"] != "authentication" }) {
            checks.append([
                "check": "loop and automation",
                "detail": "no sign of machine mail, a loop or a flood was recorded for this ticket",
            ])
        }
        return checks
    }

    /// The decisions and their reasons, newest last.
    static func reasons(_ events: [EventView]) -> [[String: String]] {
        events.filter { $0.type == "decided" || $0.type == "escalated" || $0.type == "evaluated" }.map {
            ["code": $0.reason ?? $0.type, "detail": $0.detail, "at": ConsoleFormat.time($0.at)]
        }
    }

    /// The templates and knowledge entries the answers used.
    static func used(_ events: [EventView]) -> [[String: String]] {
        events.filter {
            ($0.type == "queued" && ["auto_reply", "agent_template"].contains($0.reason ?? ""))
                || $0.type == "learned" || ($0.type == "decided" && $0.detail.lowercased().contains("knowledge"))
        }.map { ["what": $0.type == "learned" ? "knowledge" : "template", "detail": $0.detail] }
    }

    static func outgoing(_ mail: OutboxView) -> [String: Any] {
        [
            "id": mail.id, "purpose": mail.purpose, "to": mail.recipients.joined(separator: ", "),
            "subject": mail.subject, "state": mail.state.rawValue, "attempts": mail.attempts,
            "created": ConsoleFormat.time(mail.createdAt),
            "retryable": mail.state == .failed || mail.state == .deferred, "ticket": mail.ticket ?? "",
            "error": mail.lastError ?? "",
            "next": mail.state == .deferred ? ConsoleFormat.time(mail.nextAttemptAt) : "",
        ]
    }

    static func evaluation(_ evaluation: EvaluationView) -> [String: Any] {
        [
            "intent": evaluation.intent ?? "none", "confidence": ConsoleFormat.percent(evaluation.confidence),
            "alternatives": evaluation.alternatives.map {
                ["intent": $0.intent, "score": ConsoleFormat.score($0.score)]
            },
            "urgency": evaluation.urgency, "sentiment": evaluation.sentiment, "churnRisk": evaluation.churnRisk,
            "language": evaluation.language, "decision": evaluation.decision,
            "reasons": evaluation.reasons.map { ["code": $0.code, "detail": $0.detail] },
            "explanation": evaluation.explanation,
        ]
    }
}
