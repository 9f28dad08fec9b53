/// A light suffix stripper for English (and a few Romance and Germanic plural endings): enough to join
/// `charge`, `charged`, `charges` and `charging`; not a full stemmer.
enum Stemmer {
    private static let suffixes = [
        "ational", "ization", "fulness", "ousness", "iveness", "ments", "ement", "ingly", "ities", "ation",
        "ment", "ness", "ing", "ity", "ies", "ied", "ed", "es", "ly", "er", "en", "s", "e", "y",
    ]

    /// The stem of a folded word (words of four letters or fewer stay as they are).
    static func stem(_ word: String) -> String {
        guard word.count > 4 else { return word }
        for suffix in suffixes where word.hasSuffix(suffix) && word.count - suffix.count >= 3 {
            if suffix == "s" && word.hasSuffix("ss") { continue }
            return String(word.dropLast(suffix.count))
        }
        return word
    }
}
