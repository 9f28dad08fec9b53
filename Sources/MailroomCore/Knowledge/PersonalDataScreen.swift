/// Looks for one customer's personal data in an answer before it may be reused for other customers: email
/// addresses, phone numbers, payment card numbers (Luhn), IBANs (mod 97), postal addresses, order, account and
/// customer numbers, the original customer's name and address, and `{{...}}` names that are not placeholders.
///
/// It reads words and digit runs once (linear in the text) and errs on the side of finding too much: a person
/// can edit the answer and approve it again, while a leak cannot be taken back. Placeholders such as
/// `{{customerName}}` are fine.
public enum PersonalDataScreen {
    /// One thing found, with a masked excerpt (never the whole value).
    public struct Finding: Sendable, Hashable, CustomStringConvertible {
        /// What was found.
        public enum Kind: String, Sendable, Hashable, CaseIterable {
            case emailAddress = "an email address"
            case phoneNumber = "a phone number"
            case cardNumber = "a payment card number"
            case iban = "an IBAN"
            case postalAddress = "a postal address"
            case referenceNumber = "an order, account or customer number"
            case customerName = "the original customer's name"
            case unknownPlaceholder = "an unknown placeholder"
        }

        /// What was found.
        public var kind: Kind
        /// The value with most of it masked, e.g. `+44 9•• ••• •23`.
        public var excerpt: String

        /// `a phone number (+44 9•• ••• •23)`.
        public var description: String { "\(kind.rawValue) (\(excerpt))" }
    }

    /// Everything found in `entry`'s answer, in order of appearance, each value once.
    public static func findings(in entry: KnowledgeEntry) -> [Finding] {
        findings(in: entry.answer, customerName: entry.customerName, customerEmail: entry.customerEmail)
    }

    /// Everything found in `text`; `customerName` and `customerEmail` are the original customer's.
    public static func findings(in text: String, customerName: String?, customerEmail: String?) -> [Finding] {
        var found: [Finding] = KnowledgePlaceholders.unknown(in: text).map {
            Finding(kind: .unknownPlaceholder, excerpt: "{{\($0)}}")
        }
        let cleaned = withoutPlaceholders(text)
        let words = PersonalDataWords(cleaned)
        found += words.emails() + words.ibans() + DigitRuns.findings(in: cleaned, words: words)
        found += words.postalAddresses() + words.names(customerName, email: customerEmail)
        var seen: Set<Finding> = []
        return found.filter { seen.insert($0).inserted }
    }

    /// `value` with all but its first and last two characters masked.
    static func mask(_ value: some StringProtocol) -> String {
        let characters = Array(value)
        guard characters.count > 4 else { return String(repeating: "•", count: characters.count) }
        return characters.enumerated().map { index, character in
            index < 2 || index >= characters.count - 2 || character == " " || character == "@" ? character : "•"
        }.map(String.init).joined()
    }

    private static func withoutPlaceholders(_ text: String) -> String {
        var result = text
        for name in KnowledgePlaceholders.names {
            result = result.replacingOccurrences(of: "{{\(name)}}", with: " ")
            result = result.replacingOccurrences(of: "{{ \(name) }}", with: " ")
        }
        return result
    }
}
