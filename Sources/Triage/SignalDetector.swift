/// Reads urgency, sentiment, churn risk and language from a message with lexicons and simple rules (there is
/// no labelled data for these); each signal names the evidence that produced it.
public struct SignalDetector: Sendable {
    private let tokenizer = Tokenizer()
    private let languageDetector: LanguageDetector

    /// Creates a detector.
    public init(languageDetector: LanguageDetector = LanguageDetector()) {
        self.languageDetector = languageDetector
    }

    /// All signals of a text.
    public func signals(_ text: String) -> Signals {
        signals(text, tokens: tokenizer.tokens(text))
    }

    /// All signals of a text whose tokens (``Tokenizer/tokens(_:)`` of `text`) are already at hand.
    public func signals(_ text: String, tokens: [Token]) -> Signals {
        let words = tokens.map(\.text)
        let starts = SignalLexicons.starts.masks(of: words)
        let sentiment = sentiment(words, starts: starts)
        return Signals(
            urgency: urgency(text, words, starts: starts),
            sentiment: sentiment,
            churnRisk: churnRisk(words, sentiment: sentiment, starts: starts),
            language: languageDetector.detect(text)
        )
    }

    /// Urgency: lexicon weights (critical cues 3, explicit urgency 2, time pressure 1), plus one point for
    /// repeated exclamation marks and one for shouting (most words in capitals). 3 or more is critical,
    /// 2 high, 1 medium.
    /// `starts`: ``SignalLexicons/starts`` of `words`, when the caller has them.
    public func urgency(_ text: String, _ words: [String], starts: [UInt8]? = nil) -> Signal<Urgency> {
        let starts = starts ?? SignalLexicons.starts.masks(of: words)
        let matches = SignalLexicons.urgency.matches(in: words, starts: starts, bit: SignalLexicons.urgencyBit)
        var evidence = matches.map(\.phrase)
        let strongest = matches.map(\.weight).max() ?? 0
        var points = strongest + (matches.count > 1 ? 0.5 : 0)
        if Self.hasRepeatedExclamation(text) {
            points += 1
            evidence.append("!!")
        }
        if Self.isShouting(text) {
            points += 1
            evidence.append("capital letters")
        }
        let level: Urgency = points >= 3 ? .critical : points >= 2 ? .high : points >= 1 ? .medium : .low
        return Signal(level: level, score: min(1, points / 4), evidence: evidence)
    }

    /// Sentiment: positive minus negative lexicon weights, a negator up to two words before a sentiment word
    /// turns it around. At most -1 is negative, at least 1 positive.
    public func sentiment(_ words: [String], starts: [UInt8]? = nil) -> Signal<Sentiment> {
        let starts = starts ?? SignalLexicons.starts.masks(of: words)
        var balance = 0.0
        var evidence: [String] = []
        let matches =
            (SignalLexicons.positive.matches(in: words, starts: starts, bit: SignalLexicons.positiveBit)
            .map { ($0, 1.0) }
            + SignalLexicons.negative.matches(in: words, starts: starts, bit: SignalLexicons.negativeBit)
            .map { ($0, -1.0) })
            .sorted { $0.0.position < $1.0.position }
        var previousEnd = 0
        for (match, sign) in matches {
            let window = words[max(previousEnd, match.position - 2)..<max(previousEnd, match.position)]
            let negated = window.contains { SignalLexicons.negators.contains($0) } && !match.phrase.contains(" ")
            balance += (negated ? -sign : sign) * match.weight
            evidence.append(negated ? "not \(match.phrase)" : match.phrase)
            previousEnd = match.position + match.phrase.split(separator: " ").count
        }
        let level: Sentiment = balance <= -1 ? .negative : balance >= 1 ? .positive : .neutral
        return Signal(level: level, score: min(1, abs(balance) / 4), evidence: evidence)
    }

    /// Churn risk: lexicon weights (leaving, switching, closing the account: 3 or 2.5; cancelling, refunds: 1),
    /// plus 1 when the tone is negative. 3 or more is high, 1.5 or more medium.
    public func churnRisk(_ words: [String], sentiment: Signal<Sentiment>, starts: [UInt8]? = nil) -> Signal<ChurnRisk>
    {
        let starts = starts ?? SignalLexicons.starts.masks(of: words)
        let matches = SignalLexicons.churn.matches(in: words, starts: starts, bit: SignalLexicons.churnBit)
        var evidence = matches.map(\.phrase)
        var points = (matches.map(\.weight).max() ?? 0) + (matches.count > 1 ? 0.5 : 0)
        if sentiment.level == .negative && points > 0 {
            points += 1
            evidence.append("negative tone")
        } else if sentiment.level == .negative && sentiment.score >= 0.5 {
            points += 1.5
            evidence.append("strongly negative tone")
        }
        let level: ChurnRisk = points >= 3 ? .high : points >= 1.5 ? .medium : .low
        return Signal(level: level, score: min(1, points / 4), evidence: evidence)
    }

    /// Whether `text` has two exclamation marks in a row, read on its bytes (Foundation's `contains` bridged each
    /// message's whole text to search it: about 60,000 instructions a message).
    static func hasRepeatedExclamation(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: "!") && previous == byte { return true }
            previous = byte
        }
        return false
    }

    /// Whether most words of at least three letters are written in capitals (and there are at least three).
    static func isShouting(_ text: String) -> Bool {
        var text = text
        let ascii: Bool? = text.withUTF8 { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            var (capitals, total, length, upper) = (0, 0, 0, true)
            for byte in bytes + [0] {
                if let lower = ASCIILetters.lowercased(byte) {
                    length += 1
                    upper = upper && lower != byte
                    continue
                }
                if length >= 3 {
                    total += 1
                    if upper { capitals += 1 }
                }
                (length, upper) = (0, true)
            }
            return total >= 3 && capitals * 2 > total
        }
        return ascii ?? SmallScalars.isShouting(text) ?? isShoutingInAnyScript(text)
    }

    static func isShoutingInAnyScript(_ text: String) -> Bool {
        var capitals = 0
        var total = 0
        for word in text.split(whereSeparator: { !$0.isLetter }) where word.count >= 3 {
            total += 1
            if word.allSatisfy({ $0.isUppercase }) { capitals += 1 }
        }
        return total >= 3 && capitals * 2 > total
    }
}
