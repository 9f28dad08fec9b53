/// A weighted list of words and phrases, matched on folded tokens (so accents and case do not matter).
public struct PhraseLexicon: Sendable {
    /// The phrases by their first word, longest first: a position of the text costs one lookup.
    private let byFirstWord: [String: [Entry]]

    private struct Entry: Sendable {
        var rest: [String]
        var phrase: String
        var weight: Double
    }

    /// Creates a lexicon from phrases and their weights; phrases are folded and tokenised like the text.
    public init(_ entries: [String: Double]) {
        let tokenizer = Tokenizer()
        var weights: [String: Double] = [:]
        for (phrase, weight) in entries {
            let words = tokenizer.words(phrase)
            guard !words.isEmpty else { continue }
            weights[words.joined(separator: " ")] = weight
        }
        var byFirstWord: [String: [Entry]] = [:]
        for (phrase, weight) in weights {
            let words = phrase.split(separator: " ").map(String.init)
            byFirstWord[words[0], default: []].append(
                Entry(rest: Array(words.dropFirst()), phrase: phrase, weight: weight))
        }
        self.byFirstWord = byFirstWord.mapValues { entries in
            entries.sorted { $0.rest.count > $1.rest.count }
        }
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
            let entries = byFirstWord[words[position]] ?? []
            let following = words[(position + 1)...]
            if let entry = entries.first(where: { $0.rest.count <= following.count && following.starts(with: $0.rest) })
            {
                result.append(Match(phrase: entry.phrase, weight: entry.weight, position: position))
                position += 1 + entry.rest.count
            } else {
                position += 1
            }
        }
        return result
    }
}
