/// Turns text into hashed n-gram counts: word 1..n-grams in the word block, character n-grams of each word
/// (padded with spaces) in the character block. Stateless; memory is bounded by `FeatureSettings.hashBits`.
public struct FeatureExtractor: Sendable {
    /// The feature settings.
    public let settings: FeatureSettings
    /// The tokenizer used before n-grams are taken.
    public let tokenizer: Tokenizer

    /// Creates an extractor.
    public init(settings: FeatureSettings, tokenizer: Tokenizer = Tokenizer()) {
        self.settings = settings
        self.tokenizer = tokenizer
    }

    /// The hashed n-gram counts of `text`.
    public func counts(_ text: String) -> SparseVector {
        counts(tokens: tokenizer.tokens(text))
    }

    /// The hashed n-gram counts of already tokenised text.
    public func counts(tokens: [Token]) -> SparseVector {
        var raw: [UInt32] = []
        raw.reserveCapacity(tokens.count * 24)
        appendWordFeatures(tokens, to: &raw)
        if settings.wordPairWindow > 1 { appendPairFeatures(tokens, to: &raw) }
        if settings.stems { appendStemFeatures(tokens, to: &raw) }
        if settings.charNgramMax > 0 {
            let offset = UInt32(1 << settings.hashBits)
            for token in tokens where token.kind == .word {
                appendCharFeatures(token.text, offset: offset, to: &raw)
            }
        }
        return SparseVector.counting(raw)
    }

    private func appendWordFeatures(_ tokens: [Token], to raw: inout [UInt32]) {
        let bits = settings.hashBits
        let hashes = tokens.map { FeatureHasher.hash($0.text, seed: 1) }
        for start in hashes.indices {
            var combined = hashes[start]
            raw.append(FeatureHasher.bucket(combined, bits: bits))
            var length = 1
            while length < settings.wordNgramMax && start + length < hashes.count {
                combined = FeatureHasher.combine(combined, hashes[start + length])
                raw.append(FeatureHasher.bucket(combined &+ UInt64(length), bits: bits))
                length += 1
            }
        }
    }

    private func appendPairFeatures(_ tokens: [Token], to raw: inout [UInt32]) {
        let hashes = tokens.map { FeatureHasher.hash($0.text, seed: 5) }
        for first in hashes.indices {
            var second = first + 2
            while second < hashes.count && second - first <= settings.wordPairWindow {
                let (low, high) =
                    hashes[first] < hashes[second] ? (hashes[first], hashes[second]) : (hashes[second], hashes[first])
                raw.append(FeatureHasher.bucket(FeatureHasher.combine(low, high) ^ 0x5A5A, bits: settings.hashBits))
                second += 1
            }
        }
    }

    private func appendStemFeatures(_ tokens: [Token], to raw: inout [UInt32]) {
        for token in tokens where token.kind == .word {
            let stem = Stemmer.stem(token.text)
            raw.append(FeatureHasher.bucket(FeatureHasher.hash(stem, seed: 7), bits: settings.hashBits))
        }
    }

    private func appendCharFeatures(_ word: String, offset: UInt32, to raw: inout [UInt32]) {
        var scalars: [UInt32] = [0x20]
        scalars.append(contentsOf: word.unicodeScalars.map(\.value))
        scalars.append(0x20)
        let bits = settings.hashBits
        let minimum = max(1, settings.charNgramMin)
        for start in scalars.indices {
            var hash = FeatureHasher.offset ^ 3
            var length = 0
            while length < settings.charNgramMax && start + length < scalars.count {
                hash = FeatureHasher.step(hash, scalars[start + length])
                length += 1
                if length >= minimum && !(length == 1 && scalars[start] == 0x20) {
                    raw.append(offset | FeatureHasher.bucket(hash, bits: bits))
                }
            }
        }
    }
}
