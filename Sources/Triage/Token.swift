/// One unit of text after normalisation: a word, or a typed placeholder for a value whose exact spelling
/// does not matter to the meaning (a URL, an email address, an order or ticket number, an amount, a number).
public struct Token: Sendable, Hashable {
    /// What the token stands for.
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// A word (letters, possibly with digits), case-folded and without accents.
        case word
        /// A number that is neither an amount nor an order or ticket number.
        case number
        /// A web address.
        case url
        /// An email address.
        case email
        /// An order number (`order 12345`, `ORD-12345`, `Bestellung 4711`).
        case orderNumber
        /// A ticket or case number (`#12345`, `ticket 12345`, `[Ticket#123]`).
        case ticketNumber
        /// An amount of money (`$12.50`, `12 €`, `EUR 30`).
        case money
    }

    /// What the token stands for.
    public var kind: Kind
    /// The normalised text: the folded word, a short number, or the placeholder of a typed token.
    public var text: String
    /// The text as written (for typed tokens: the address, the number), useful as evidence.
    public var raw: String

    /// Creates a token.
    public init(kind: Kind, text: String, raw: String) {
        self.kind = kind
        self.text = text
        self.raw = raw
    }

    /// The placeholder text that stands for every value of a typed kind.
    public static func placeholder(for kind: Kind) -> String {
        switch kind {
        case .word: ""
        case .number: "<num>"
        case .url: "<url>"
        case .email: "<email>"
        case .orderNumber: "<order>"
        case .ticketNumber: "<ticket>"
        case .money: "<money>"
        }
    }
}
