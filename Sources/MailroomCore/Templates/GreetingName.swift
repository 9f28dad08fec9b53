/// The first name to greet a customer by, taken from the display name of the From address only when it looks
/// like a person's name. A display name is written by the sender, so it can carry anything ("Your refund is
/// blocked - call +44 900 123", a URL, an instruction): echoing it in the company's reply would let anyone make
/// the company say it. Without a plausible name the reply greets without one.
public enum GreetingName {
    /// The longest name word accepted.
    static let maximumWordLength = 20
    /// Words that mark a display name as a role, a company or a message rather than a person.
    static let nonNameWords: Set<String> = [
        "account", "admin", "alert", "bank", "billing", "blocked", "call", "click", "contact", "customer", "dear",
        "department", "do", "free", "help", "info", "mail", "no", "noreply", "not", "now", "office", "order",
        "payment", "please", "refund", "reply", "sales", "security", "service", "shop", "support", "team", "the",
        "urgent", "verify", "win", "your", "you",
    ]

    /// The first name in `displayName`, or nil when it does not look like a person's name: one to four words of
    /// letters (with `'`, `-` or `.` inside), none longer than ``maximumWordLength``, no digits, no role words;
    /// `Lee, Ann` gives `Ann`.
    public static func firstName(from displayName: String?) -> String? {
        guard var name = displayName?.trimmingWhitespace, !name.isEmpty, name.count <= 64 else { return nil }
        let commaParts = name.split(separator: ",", omittingEmptySubsequences: false)
        if commaParts.count == 2 {
            name = String(commaParts[1]).trimmingWhitespace + " " + String(commaParts[0]).trimmingWhitespace
        } else if commaParts.count > 2 {
            return nil
        }
        let words = name.split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard (1...4).contains(words.count), words.allSatisfy(isNameWord) else { return nil }
        guard !words.contains(where: { nonNameWords.contains($0.lowercased()) }) else { return nil }
        let first = words[0]
        guard first.count >= 2, first.first.map(isLetter) == true else { return nil }
        return String(first)
    }

    private static func isNameWord(_ word: Substring) -> Bool {
        guard !word.isEmpty, word.count <= maximumWordLength, word.first.map(isLetter) == true else { return false }
        return word.allSatisfy { isLetter($0) || $0 == "'" || $0 == "-" || $0 == "." || $0 == "\u{2019}" }
    }

    /// `Character.isLetter`, answered for ASCII without Unicode's property tables (A-Z and a-z are its only
    /// letters): the tables took 29,000 instructions a name.
    static func isLetter(_ character: Character) -> Bool {
        guard let ascii = character.asciiValue else { return character.isLetter }
        return (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(ascii | 0x20)
    }
}
