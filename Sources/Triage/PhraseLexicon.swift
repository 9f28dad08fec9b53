/// A weighted list of words and phrases, matched on folded tokens (so accents and case do not matter).
public struct PhraseLexicon: Sendable {
    private let weights: [String: Double]
    private let longest: Int

    /// Creates a lexicon from phrases and their weights; phrases are folded and tokenised like the text.
    public init(_ entries: [String: Double]) {
        let tokenizer = Tokenizer()
        var weights: [String: Double] = [:]
        var longest = 1
        for (phrase, weight) in entries {
            let words = tokenizer.words(phrase)
            guard !words.isEmpty else { continue }
            weights[words.joined(separator: " ")] = weight
            longest = max(longest, words.count)
        }
        self.weights = weights
        self.longest = longest
    }

    /// One match: the phrase, its weight, and where it starts.
    public struct Match: Sendable, Hashable {
        /// The matched phrase (folded).
        public var phrase: String
        /// Its weight.
        public var weight: Double
        /// The index of its first word.
        public var position: Int
    }

    /// The matches in a list of folded words; longer phrases win over the words inside them.
    public func matches(in words: [String]) -> [Match] {
        var result: [Match] = []
        var position = 0
        while position < words.count {
            var matched = false
            for length in stride(from: min(longest, words.count - position), through: 1, by: -1) {
                let phrase = words[position..<position + length].joined(separator: " ")
                if let weight = weights[phrase] {
                    result.append(Match(phrase: phrase, weight: weight, position: position))
                    position += length
                    matched = true
                    break
                }
            }
            if !matched { position += 1 }
        }
        return result
    }
}
