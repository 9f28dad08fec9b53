import Foundation

extension FollowUpIntent {
    /// Words of a plain thank-you, in the languages of the phrase lists.
    static let thanks: Set<String> = [
        "thanks", "thank", "thx", "cheers", "danke", "dankeschon", "merci", "gracias", "grazie", "obrigado",
        "obrigada", "bedankt", "dank",
    ]

    /// Whether the new text of a follow-up only confirms that the answer helped ("thanks, that worked", "danke,
    /// funktioniert jetzt") or is a short thank-you (at most eight words with a word of thanks): such a reply
    /// is not a sign that an automatic answer failed (durable resolution does not count it as a follow-up).
    public static func confirmsItHelped(_ text: String) -> Bool {
        guard detect(in: text) == nil else { return false }
        let clauses = clauses(of: text)
        if clauses.contains(where: {
            firstMatch(of: Phrases.positive, in: $0, unless: Phrases.negators, within: 4, after: 3) != nil
        }) {
            return true
        }
        let words = clauses.flatMap { $0 }
        return !words.isEmpty && words.count <= 8 && words.contains(where: thanks.contains)
    }
}
