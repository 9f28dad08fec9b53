/// A weighted list of words and phrases, matched on folded tokens (so accents and case do not matter).
public struct PhraseLexicon: Sendable {
    /// The phrases by their first word, longest first: a position of the text costs one lookup.
    private let byFirstWord: [String: [Entry]]
    /// The words a phrase starts with.
    public var firstWords: [String] { Array(byFirstWord.keys) }

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
        matches(in: words) { _ in true }
    }

    /// The same, looking up only the words `starts` says a phrase of this lexicon starts with (bit `bit` of
    /// their ``LexiconStarts`` mask).
    public func matches(in words: [String], starts: [UInt8], bit: UInt8) -> [Match] {
        precondition(starts.count == words.count, "one mask per word")
        return matches(in: words) { starts[$0] & bit != 0 }
    }

    private func matches(in words: [String], mayStart: (Int) -> Bool) -> [Match] {
        var result: [Match] = []
        var position = 0
        while position < words.count {
            guard mayStart(position) else {
                position += 1
                continue
            }
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

/// Which of up to eight lexicons have a phrase starting with each word of a text: one dictionary lookup a word for
/// all of them, where each lexicon looked up every word itself (four lookups a word for the signals: 80 M
/// instructions per 1,000 mails, most of it hashing words no lexicon has).
public struct LexiconStarts: Sendable {
    private let masks: [String: UInt8]

    /// The starts of `lexicons`; lexicon `i` is bit `1 << i`.
    public init(_ lexicons: [PhraseLexicon]) {
        precondition(lexicons.count <= 8, "at most eight lexicons")
        var masks: [String: UInt8] = [:]
        for (index, lexicon) in lexicons.enumerated() {
            for word in lexicon.firstWords { masks[word, default: 0] |= 1 << index }
        }
        self.masks = masks
    }

    /// One mask a word: bit `1 << i` when lexicon `i` has a phrase starting with it.
    public func masks(of words: [String]) -> [UInt8] {
        words.map { masks[$0] ?? 0 }
    }
}
