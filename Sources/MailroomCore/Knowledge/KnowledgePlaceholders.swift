import Foundation

/// The placeholders a learned answer may carry instead of one customer's details, filled for the customer it is
/// reused for: `{{customerName}}` (their plausible first name, or nothing), `{{ticketId}}`, `{{companyName}}`,
/// `{{supportAddress}}`. Any other `{{...}}` keeps an entry from being approved (``PersonalDataScreen``).
public enum KnowledgePlaceholders {
    /// The placeholder names.
    public static let names = ["customerName", "ticketId", "companyName", "supportAddress"]

    /// `text` with every known placeholder replaced from `context`.
    public static func fill(_ text: String, context: TemplateContext) -> String {
        let values = [
            "customerName": context.customer.firstName ?? "", "ticketId": context.ticket.id,
            "companyName": context.company.name, "supportAddress": context.company.supportAddress,
        ]
        var result = text
        for (name, value) in values {
            result = result.replacingOccurrences(of: "{{\(name)}}", with: value)
            result = result.replacingOccurrences(of: "{{ \(name) }}", with: value)
        }
        return result
    }

    /// The `{{...}}` names in `text` that are not known placeholders.
    public static func unknown(in text: String) -> [String] {
        var found: [String] = []
        var rest = Substring(text)
        while let open = rest.range(of: "{{") {
            let after = rest[open.upperBound...]
            guard let close = after.range(of: "}}") else { break }
            let name = after[..<close.lowerBound].trimmingCharacters(in: .whitespaces)
            if !names.contains(name), !found.contains(name) { found.append(name) }
            rest = after[close.upperBound...]
        }
        return found
    }
}
