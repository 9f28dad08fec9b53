import Foundation

/// Recognises a customer's follow-up saying that our previous answer did not help ("that didn't help",
/// "still not working", "I already tried that", in English, German, French, Spanish, Italian, Portuguese
/// and Dutch), so the ticket can be escalated instead of answered automatically again.
///
/// Conservative by design: call it only on the new text of a reply to a ticket that already got an
/// answer (quoted history removed; lines starting with `>` are skipped anyway). It returns nil when the
/// text also says that something helped or works ("thanks, that helped", "funktioniert jetzt"), and a
/// phrase inside a condition ("if this doesn't help, ...", "si ça ne marche pas") does not count.
/// Matching ignores case, accents and apostrophes, works on whole words, and stays within one clause.
public enum FollowUpIntent {
    /// What was found: the phrase from the list (as listed) and its language (ISO 639-1).
    public struct Evidence: Hashable, Sendable {
        /// The listed phrase that matched, e.g. `still not working`.
        public var phrase: String
        /// The phrase's language: `en`, `de`, `fr`, `es`, `it`, `pt` or `nl`.
        public var language: String

        /// Creates evidence.
        public init(phrase: String, language: String) {
            self.phrase = phrase
            self.language = language
        }
    }

    /// The first "did not help" phrase in `text`, or nil when there is none or the text also says that
    /// something helped.
    public static func detect(in text: String) -> Evidence? {
        let clauses = clauses(of: text)
        if clauses.contains(where: {
            firstMatch(of: Phrases.positive, in: $0, unless: Phrases.negators, within: 4, after: 3) != nil
        }) {
            return nil
        }
        for clause in clauses {
            if let phrase = firstMatch(
                of: Phrases.negative, in: clause, unless: Phrases.conditionals, within: clause.count, after: 0)
            {
                return Evidence(phrase: phrase.text, language: phrase.language)
            }
        }
        return nil
    }

    /// A listed phrase and its words in normalised form.
    struct Phrase: Sendable {
        var text: String
        var language: String
        var words: [String]
    }

    /// The earliest (then longest) phrase in `clause` with no word of `guards` among the `window` words
    /// before it or the `after` words after it (German and Dutch put the negation after the verb:
    /// "het werkt nog steeds niet").
    static func firstMatch(
        of phrases: [Phrase], in clause: [String], unless guards: Set<String>, within window: Int, after: Int
    ) -> Phrase? {
        var best: (start: Int, phrase: Phrase)?
        for phrase in phrases {
            guard let start = find(phrase.words, in: clause) else { continue }
            let end = start + phrase.words.count
            if clause[max(0, start - window)..<start].contains(where: guards.contains) { continue }
            if clause[end..<min(clause.count, end + after)].contains(where: guards.contains) { continue }
            if let current = best,
                current.start < start || (current.start == start && current.phrase.words.count >= phrase.words.count)
            {
                continue
            }
            best = (start, phrase)
        }
        return best?.phrase
    }

    /// The first index where `words` occur contiguously in `clause`.
    static func find(_ words: [String], in clause: [String]) -> Int? {
        guard !words.isEmpty, words.count <= clause.count else { return nil }
        for start in 0...(clause.count - words.count) where clause[start] == words[0] {
            if Array(clause[start..<(start + words.count)]) == words { return start }
        }
        return nil
    }

    /// The text's clauses (split at sentence punctuation, commas and line ends) as normalised words;
    /// quoted lines (`>`) are skipped.
    static func clauses(of text: String) -> [[String]] {
        let lines = text.split(whereSeparator: \.isNewline).filter {
            !$0.drop(while: { $0 == " " || $0 == "\t" }).hasPrefix(">")
        }
        let breaks: Set<Character> = [".", "!", "?", ";", ":", ",", "(", ")", "\"", "«", "»", "¿", "¡", "…"]
        return lines.flatMap { line in
            line.split(whereSeparator: { breaks.contains($0) }).map { words(String($0)) }.filter { !$0.isEmpty }
        }
    }

    /// Lower case, accents folded, apostrophes removed, split into words of letters and digits.
    static func words(_ text: String) -> [String] {
        let apostrophes: Set<Character> = ["'", "\u{2019}", "\u{2018}", "`", "\u{00B4}"]
        let folded = text.lowercased().folding(options: .diacriticInsensitive, locale: nil)
            .filter { !apostrophes.contains($0) }
        return folded.split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
    }
}
