import Foundation

/// Guesses the language of a message (en, de, fr, es, it, pt, nl) from character trigram profiles (naive
/// Bayes over trigrams of lowercased words, accents kept) and function words. Returns `und` when the text has
/// too few letters or no language stands out.
public struct LanguageDetector: Sendable {
    /// The languages the detector knows.
    public static let languages = ["en", "de", "fr", "es", "it", "pt", "nl"]

    private struct Profile: Sendable {
        var logProbability: [String: Double]
        var unseen: Double
    }

    private static let profiles: [String: Profile] = {
        var result: [String: Profile] = [:]
        for language in languages {
            let text =
                LanguageSamples.text[language]! + " "
                + LanguageSamples.functionWords[language]!.sorted().joined(separator: " ")
            var counts: [String: Double] = [:]
            for trigram in trigrams(words(text)) { counts[trigram, default: 0] += 1 }
            let total = counts.values.reduce(0, +)
            let smoothing = 0.5
            let denominator = total + smoothing * Double(counts.count + 1)
            result[language] = Profile(
                logProbability: counts.mapValues { Foundation.log(($0 + smoothing) / denominator) },
                unseen: Foundation.log(smoothing / denominator)
            )
        }
        return result
    }()

    /// Creates a detector.
    public init() {}

    /// The most likely language, its probability among the known languages, and the evidence.
    public func detect(_ text: String) -> Signal<String> {
        let words = Self.words(text)
        let letters = words.reduce(0) { $0 + $1.count }
        guard letters >= 6 else { return Signal(level: "und", score: 0, evidence: ["too little text"]) }
        let grams = Self.trigrams(words)
        var scores: [String: Double] = [:]
        var hits: [String: [String]] = [:]
        for language in Self.languages {
            let profile = Self.profiles[language]!
            let likelihood = grams.reduce(0.0) { $0 + (profile.logProbability[$1] ?? profile.unseen) }
            let functionWords = words.filter { LanguageSamples.functionWords[language]!.contains($0) }
            hits[language] = functionWords
            scores[language] =
                likelihood / Double(max(1, grams.count)) * 4
                + 3 * Double(functionWords.count) / Double(words.count)
        }
        // In the fixed order of the languages, not the dictionary's (which differs between instances): the same
        // text always gets the same language and the very same probability.
        let best = Self.languages.map { (key: $0, value: scores[$0]!) }.max { $0.value < $1.value }!
        let total = Self.languages.reduce(0.0) { $0 + Foundation.exp(scores[$1]! - best.value) }
        let probability = 1 / total
        guard probability >= 0.3 else {
            return Signal(level: "und", score: probability, evidence: ["no language stands out"])
        }
        let evidence = Array(Set(hits[best.key]!).sorted().prefix(5)) + ["character trigrams"]
        return Signal(level: best.key, score: probability, evidence: evidence)
    }

    static func words(_ text: String) -> [String] {
        text.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
    }

    static func trigrams(_ words: [String]) -> [String] {
        var result: [String] = []
        for word in words {
            let padded = Array(" " + word + " ")
            guard padded.count >= 3 else { continue }
            for start in 0...(padded.count - 3) { result.append(String(padded[start..<start + 3])) }
        }
        return result
    }
}
