import Foundation

/// Guesses the language of a message (en, de, fr, es, it, pt, nl) from character trigram profiles (naive
/// Bayes over trigrams of lowercased words, accents kept) and function words. Returns `und` when the text has
/// too few letters or no language stands out.
public struct LanguageDetector: Sendable {
    /// The languages the detector knows.
    public static let languages = ["en", "de", "fr", "es", "it", "pt", "nl"]

    /// Every trigram of the profiles with its log-probability in each language (the language's `unseen` value
    /// where that profile lacks it), so a trigram of the text costs one lookup for all languages. Trigrams of
    /// single-scalar characters (nearly all) are keyed by their packed scalars; the rest by their text.
    struct Profiles: Sendable {
        var packed = TrigramTable(capacity: 0)
        var other: [String: Int] = [:]
        var rows: [Double] = []
        var unseen: [Double] = []
        var functionWords: [String: UInt8] = [:]

        func row(_ trigram: Trigram) -> Int? {
            switch trigram {
            case .packed(let key): packed.row(key)
            case .text(let text): other[text]
            }
        }
    }

    /// A trigram of characters.
    enum Trigram: Hashable {
        case packed(UInt64)
        case text(String)

        init(_ characters: ArraySlice<Character>) {
            var key: UInt64 = 0
            for character in characters {
                let scalars = character.unicodeScalars
                guard scalars.count == 1, let scalar = scalars.first else {
                    self = .text(String(characters))
                    return
                }
                key = key << 21 | UInt64(scalar.value)
            }
            self = .packed(key)
        }

        init(_ a: UInt8, _ b: UInt8, _ c: UInt8) {
            self = .packed(UInt64(a) << 42 | UInt64(b) << 21 | UInt64(c))
        }
    }

    static let profiles: Profiles = {
        var profiles = Profiles()
        var perLanguage: [(probability: [Trigram: Double], unseen: Double)] = []
        for language in languages {
            let text =
                LanguageSamples.text[language]! + " "
                + LanguageSamples.functionWords[language]!.sorted().joined(separator: " ")
            var counts: [Trigram: Double] = [:]
            for trigram in trigrams(words(text)) { counts[trigram, default: 0] += 1 }
            let total = counts.values.reduce(0, +)
            let smoothing = 0.5
            let denominator = total + smoothing * Double(counts.count + 1)
            perLanguage.append(
                (
                    counts.mapValues { Foundation.log(($0 + smoothing) / denominator) },
                    Foundation.log(smoothing / denominator)
                ))
        }
        profiles.unseen = perLanguage.map(\.unseen)
        let all = Set(perLanguage.flatMap(\.probability.keys))
        profiles.packed = TrigramTable(capacity: all.count)
        for trigram in all {
            let row = profiles.rows.count / languages.count
            for (probability, unseen) in perLanguage { profiles.rows.append(probability[trigram] ?? unseen) }
            switch trigram {
            case .packed(let key): profiles.packed.insert(key, row: row)
            case .text(let text): profiles.other[text] = row
            }
        }
        for (index, language) in languages.enumerated() {
            for word in LanguageSamples.functionWords[language]! {
                profiles.functionWords[word, default: 0] |= 1 << UInt8(index)
            }
        }
        return profiles
    }()

    /// Creates a detector.
    public init() {}

    /// The most likely language, its probability among the known languages, and the evidence.
    public func detect(_ text: String) -> Signal<String> {
        let words = Self.words(text)
        let letters = words.reduce(0) { $0 + $1.count }
        guard letters >= 6 else { return Signal(level: "und", score: 0, evidence: ["too little text"]) }
        let profiles = Self.profiles
        let count = Self.languages.count
        var likelihood = [Double](repeating: 0, count: count)
        var grams = 0
        Self.eachTrigram(words) { trigram in
            grams += 1
            if let row = profiles.row(trigram) {
                for language in 0..<count { likelihood[language] += profiles.rows[row * count + language] }
            } else {
                for language in 0..<count { likelihood[language] += profiles.unseen[language] }
            }
        }
        var hits = [[String]](repeating: [], count: count)
        for word in words {
            guard let mask = profiles.functionWords[word] else { continue }
            for language in 0..<count where mask & (1 << UInt8(language)) != 0 { hits[language].append(word) }
        }
        let scores: [Double] = (0..<count).map { language in
            let trigrams: Double = likelihood[language] / Double(max(1, grams)) * 4
            let function: Double = 3 * Double(hits[language].count) / Double(words.count)
            return trigrams + function
        }
        // In the fixed order of the languages: the same text always gets the same language and probability.
        let best = scores.indices.max { scores[$0] < scores[$1] }!
        let total = scores.reduce(0.0) { $0 + Foundation.exp($1 - scores[best]) }
        let probability = 1 / total
        guard probability >= 0.3 else {
            return Signal(level: "und", score: probability, evidence: ["no language stands out"])
        }
        let evidence = Array(Set(hits[best]).sorted().prefix(5)) + ["character trigrams"]
        return Signal(level: Self.languages[best], score: probability, evidence: evidence)
    }

    /// The lowercased runs of letters of `text`; ASCII text is read on its bytes, Latin text (with accents,
    /// typographic quotes and dashes) by scalar (``SmallScalars``).
    static func words(_ text: String) -> [String] {
        var text = text
        let ascii: [String]? = text.withUTF8 { bytes in
            guard bytes.allSatisfy({ $0 < 0x80 }) else { return nil }
            var words: [String] = []
            var scratch: [UInt8] = []
            for byte in bytes {
                if let letter = ASCIILetters.lowercased(byte) {
                    scratch.append(letter)
                } else if !scratch.isEmpty {
                    words.append(String(decoding: scratch, as: UTF8.self))
                    scratch.removeAll(keepingCapacity: true)
                }
            }
            if !scratch.isEmpty { words.append(String(decoding: scratch, as: UTF8.self)) }
            return words
        }
        if let ascii { return ascii }
        return SmallScalars.words(text) ?? text.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
    }

    static func trigrams(_ words: [String]) -> [Trigram] {
        var result: [Trigram] = []
        eachTrigram(words) { result.append($0) }
        return result
    }

    /// Each trigram of each word padded with a space on both sides, in order.
    static func eachTrigram(_ words: [String], _ body: (Trigram) -> Void) {
        for var word in words {
            let done: Bool = word.withUTF8 { bytes in
                guard bytes.allSatisfy({ $0 < 0x80 }) else { return false }
                let space = UInt8(ascii: " ")
                let count = bytes.count + 2
                guard count >= 3 else { return true }
                let at = { (index: Int) -> UInt8 in index == 0 || index == count - 1 ? space : bytes[index - 1] }
                for start in 0...(count - 3) { body(Trigram(at(start), at(start + 1), at(start + 2))) }
                return true
            }
            if done || SmallScalars.eachTrigram(word, { body(.packed($0)) }) { continue }
            let padded = Array(" " + word + " ")
            guard padded.count >= 3 else { continue }
            for start in 0...(padded.count - 3) { body(Trigram(padded[start..<start + 3])) }
        }
    }
}

/// ASCII letters on bytes.
enum ASCIILetters {
    /// The lowercase form of an ASCII letter, nil for any other byte.
    @inline(__always)
    static func lowercased(_ byte: UInt8) -> UInt8? {
        if byte >= 0x61 && byte <= 0x7A { return byte }
        if byte >= 0x41 && byte <= 0x5A { return byte + 0x20 }
        return nil
    }
}
