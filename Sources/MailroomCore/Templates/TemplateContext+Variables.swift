extension TemplateContext {
    /// The nested dictionary Mustache sees when rendering a template written in `language`.
    ///
    /// Keys are exactly the names in ``TemplateVariable/all`` split at the dots. Parts that are absent
    /// (`nil`, or an empty subject or agent name) are left out, so sections over them do not render.
    public func variables(language: String) -> [String: Any] {
        var root: [String: Any] = [
            "customer": customerVariables,
            "ticket": ticketVariables,
            "company": ["name": company.name],
            "support": ["address": company.supportAddress],
            "language": language,
        ]
        if let intent {
            var values: [String: Any] = [
                "name": intent.name, "label": IntentLabels.label(for: intent.name, language: language),
            ]
            if let confidence = intent.confidence { values["confidence"] = Self.percentage(confidence) }
            root["intent"] = values
        }
        if let resolution {
            root["resolution"] = [
                "text": resolution.text, "ticketId": resolution.ticketId, "score": Self.decimal(resolution.score),
            ]
        }
        if let agent {
            var values: [String: Any] = ["answer": agent.answer]
            if let name = agent.name, !name.trimmingWhitespace.isEmpty { values["name"] = name }
            root["agent"] = values
        }
        if let escalation { escalation.add(to: &root) }
        return root
    }

    private var customerVariables: [String: Any] {
        var values: [String: Any] = ["name": customer.name, "email": customer.email]
        if let firstName = customer.firstName { values["firstName"] = firstName }
        if let text = customer.text { values["text"] = text }
        return values
    }

    private var ticketVariables: [String: Any] {
        var values: [String: Any] = ["id": ticket.id, "reference": ticket.reference]
        if !ticket.subject.trimmingWhitespace.isEmpty { values["subject"] = ticket.subject }
        return values
    }

    /// `0.923` as `92%`.
    package static func percentage(_ value: Double) -> String {
        guard value.isFinite else { return "?" }
        return "\(Int((min(max(value, 0), 1) * 100).rounded()))%"
    }

    /// `0.8666` as `0.87` (two decimals, no locale).
    package static func decimal(_ value: Double) -> String {
        guard value.isFinite else { return "?" }
        let hundredths = Int((abs(value) * 100).rounded())
        let fraction = hundredths % 100
        return "\(value < 0 ? "-" : "")\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}

extension TemplateContext.Escalation {
    /// Adds the escalation-only variables to the root dictionary.
    fileprivate func add(to root: inout [String: Any]) {
        var values: [String: Any] = ["reasons": reasons]
        if let author { values["author"] = author.line }
        if author?.role == .thirdParty { values["thirdParty"] = "yes" }
        if let draft { values["draft"] = draft }
        root["escalation"] = values
        root["signals"] = [
            "urgency": signals.urgency, "sentiment": signals.sentiment, "churnRisk": signals.churnRisk,
            "language": signals.language,
        ]
        root["similar"] = similar.map { entry -> [String: Any] in
            ["ticketId": entry.ticketId, "score": TemplateContext.decimal(entry.score), "excerpt": entry.excerpt]
        }
        root["message"] = ["subject": messageSubject, "date": messageDate]
    }
}
