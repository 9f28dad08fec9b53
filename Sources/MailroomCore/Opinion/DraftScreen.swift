import Foundation

/// Decides whether a model's draft may go to a customer without a person (`llm.autoSendDrafts`): it must pass
/// the personal-data screen, and every link and phone number in it must be on the allow-lists (`llm.allowedLinks`,
/// URL prefixes; `llm.allowedPhones`, compared digit for digit). It errs on the side of refusing: a refused draft
/// still reaches the agents.
public struct DraftScreen: Sendable, Hashable {
    /// URL prefixes a draft may link to, e.g. `https://shop.example/help/` (compared without case).
    public var allowedLinks: [String]
    /// Phone numbers a draft may name, e.g. `+44 20 7946 0000` (compared by their digits).
    public var allowedPhones: [String]

    /// Creates a screen.
    public init(allowedLinks: [String] = [], allowedPhones: [String] = []) {
        self.allowedLinks = allowedLinks.map { $0.lowercased() }
        self.allowedPhones = allowedPhones
    }

    /// Why `draft` may not be sent on its own; empty when it may.
    public func problems(in draft: String) -> [String] {
        var problems: [String] = []
        var rest = draft
        for link in Self.matches(Self.link, in: draft) {
            let lowered = link.lowercased()
            let normalized = lowered.hasPrefix("www.") ? "https://" + lowered : lowered
            if allowedLinks.contains(where: { normalized.hasPrefix($0) || lowered.hasPrefix($0) }) {
                rest = rest.replacingOccurrences(of: link, with: " ")
            } else {
                problems.append("a link not on llm.allowedLinks (\(PersonalDataScreen.mask(link.prefix(60))))")
            }
        }
        let allowedDigits = Set(allowedPhones.map(Self.digits).filter { !$0.isEmpty })
        for phone in Self.matches(Self.phone, in: rest) {
            let digits = Self.digits(phone)
            guard digits.count >= 7 else { continue }
            if !allowedDigits.contains(digits) {
                problems.append("a phone number not on llm.allowedPhones (\(PersonalDataScreen.mask(phone)))")
            }
            rest = rest.replacingOccurrences(of: phone, with: " ")
        }
        // The customer's own name is fine in a reply to that customer; anything else personal is not.
        let findings = PersonalDataScreen.findings(in: rest, customerName: nil, customerEmail: nil)
        problems += findings.map { "the personal-data screen found \($0.description)" }
        return problems
    }

    private static let link = try! NSRegularExpression(
        pattern:
            #"(?i)\b(?:https?://|www\.)[^\s<>"'()\[\]]+|(?<![@.\w-])(?:[a-z0-9-]+\.)+(?:com|net|org|io|co|shop|info|de|fr|es|uk|eu|app|dev)(?:/[^\s<>"'()\[\]]*)?"#
    )
    private static let phone = try! NSRegularExpression(pattern: #"\+?\(?\d[\d\s().\-/]{5,}\d"#)

    private static func matches(_ expression: NSRegularExpression, in text: String) -> [String] {
        let range = NSRange(text.startIndex..., in: text)
        return expression.matches(in: text, range: range).compactMap {
            Range($0.range, in: text).map { String(text[$0]) }
        }
        .map { $0.trimmingCharacters(in: CharacterSet(charactersIn: ".,;:!?")) }
    }

    private static func digits(_ text: String) -> String {
        String(text.filter(\.isASCII).filter(\.isNumber))
    }
}
