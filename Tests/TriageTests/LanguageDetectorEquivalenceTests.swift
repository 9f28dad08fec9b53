import Foundation
import Testing

@testable import Triage

/// The detector looks trigrams up once for all languages, keyed by packed scalars, and reads ASCII on its bytes.
/// It must give exactly what the plain algorithm gives: a dictionary of trigram strings per language, words from
/// `lowercased()` and `Character.isLetter`. That plain algorithm is written out here as the reference.
@Suite struct LanguageDetectorEquivalenceTests {
    struct Reference {
        var profiles: [String: (probability: [String: Double], unseen: Double)] = [:]

        init() {
            for language in LanguageDetector.languages {
                let text =
                    LanguageSamples.text[language]! + " "
                    + LanguageSamples.functionWords[language]!.sorted().joined(separator: " ")
                var counts: [String: Double] = [:]
                for trigram in Self.trigrams(Self.words(text)) { counts[trigram, default: 0] += 1 }
                let total = counts.values.reduce(0, +)
                let denominator = total + 0.5 * Double(counts.count + 1)
                profiles[language] = (
                    counts.mapValues { Foundation.log(($0 + 0.5) / denominator) }, Foundation.log(0.5 / denominator)
                )
            }
        }

        static func words(_ text: String) -> [String] {
            text.lowercased().split(whereSeparator: { !$0.isLetter }).map(String.init)
        }

        static func trigrams(_ words: [String]) -> [String] {
            words.flatMap { word -> [String] in
                let padded = Array(" " + word + " ")
                guard padded.count >= 3 else { return [] }
                return (0...(padded.count - 3)).map { String(padded[$0..<$0 + 3]) }
            }
        }

        func detect(_ text: String) -> Signal<String> {
            let words = Self.words(text)
            guard words.reduce(0, { $0 + $1.count }) >= 6 else {
                return Signal(level: "und", score: 0, evidence: ["too little text"])
            }
            let grams = Self.trigrams(words)
            var scores: [Double] = []
            var hits: [[String]] = []
            for language in LanguageDetector.languages {
                let profile = profiles[language]!
                let likelihood = grams.reduce(0.0) { $0 + (profile.probability[$1] ?? profile.unseen) }
                let functionWords = words.filter { LanguageSamples.functionWords[language]!.contains($0) }
                hits.append(functionWords)
                scores.append(
                    likelihood / Double(max(1, grams.count)) * 4 + 3 * Double(functionWords.count)
                        / Double(words.count))
            }
            let best = scores.indices.max { scores[$0] < scores[$1] }!
            let probability = 1 / scores.reduce(0.0) { $0 + Foundation.exp($1 - scores[best]) }
            guard probability >= 0.3 else {
                return Signal(level: "und", score: probability, evidence: ["no language stands out"])
            }
            let evidence = Array(Set(hits[best]).sorted().prefix(5)) + ["character trigrams"]
            return Signal(level: LanguageDetector.languages[best], score: probability, evidence: evidence)
        }
    }

    static let reference = Reference()

    static func same(_ text: String) -> Bool {
        let fast = LanguageDetector().detect(text)
        let plain = reference.detect(text)
        return fast.level == plain.level && fast.score.bitPattern == plain.score.bitPattern
            && fast.evidence == plain.evidence
    }

    @Test(arguments: [
        "", "ok", "Hi there, my package never showed up", "Straße und Größe, bitte schnell!",
        "Je veux résilier mon abonnement, c'est inadmissible", "café\u{301} creme\u{300}", "ÉCOLE NAÏVE",
        "İstanbul ıi", "ﬁne ﬂow", "日本語のテキスト", "Привет, мой заказ не пришёл", "مرحبا طلبي لم يصل",
        "e\u{301}e\u{301}e\u{301} a\u{308}bc", "ORDER 12345 NEVER ARRIVED!!!", "x\r\ny", "Ａｂｃ ｄｅｆ ｇｈｉ",
    ])
    func handWritten(text: String) {
        #expect(Self.same(text), "\(text.debugDescription)")
    }

    @Test func randomTextWithAccentsAndCombiningMarks() {
        var random = RandomTexts(seed: 3, alphabet: "aeiouAEIOU ßéÉàçñøœ\u{301}\u{308}', .\r\nxyzXYZ日ы")
        var mismatches: [String] = []
        for _ in 0..<3_000 {
            let text = random.next(maxLength: 60)
            if !Self.same(text) { mismatches.append(text) }
        }
        let sample = Array(mismatches.prefix(3).map(\.debugDescription))
        #expect(mismatches.count == 0, "\(sample)")
    }

    @Test func everyTextOfTheSharedDataSets() throws {
        guard SharedData.isAvailable else {
            print("skipped: the shared data sets are not at \(SharedData.root.path)")
            return
        }
        let texts = try SharedData.texts(inFilesEndingWith: "dev.csv")
        let compared = texts.count
        let mismatches = texts.filter { !Self.same($0) }
        #expect(compared > 5_000)
        let sample = Array(mismatches.prefix(3))
        #expect(mismatches.count == 0, "\(sample)")
    }
}

/// Phrases are found by their first word; the plain algorithm (join every window of up to the longest phrase's
/// length, longest first, and look it up) is the reference.
@Suite struct PhraseLexiconEquivalenceTests {
    struct Reference {
        var weights: [String: Double] = [:]
        var longest = 1

        init(_ entries: [String: Double]) {
            for (phrase, weight) in entries {
                let phraseWords = Tokenizer().words(phrase)
                guard !phraseWords.isEmpty else { continue }
                weights[phraseWords.joined(separator: " ")] = weight
                longest = max(longest, phraseWords.count)
            }
        }
    }

    static func reference(_ reference: Reference, _ words: [String]) -> [PhraseLexicon.Match] {
        let (weights, longest) = (reference.weights, reference.longest)
        var result: [PhraseLexicon.Match] = []
        var position = 0
        while position < words.count {
            var matched = false
            for length in stride(from: min(longest, words.count - position), through: 1, by: -1) {
                let phrase = words[position..<position + length].joined(separator: " ")
                if let weight = weights[phrase] {
                    result.append(PhraseLexicon.Match(phrase: phrase, weight: weight, position: position))
                    position += length
                    matched = true
                    break
                }
            }
            if !matched { position += 1 }
        }
        return result
    }

    static let lexicons: [(PhraseLexicon, Reference)] = [
        (SignalLexicons.urgency, Reference(SignalLexicons.urgencyEntries)),
        (SignalLexicons.positive, Reference(SignalLexicons.positiveEntries)),
        (SignalLexicons.negative, Reference(SignalLexicons.negativeEntries)),
        (SignalLexicons.churn, Reference(SignalLexicons.churnEntries)),
    ]

    @Test func overlappingPhrasesPreferTheLongestAtEachPosition() {
        let lexicon = PhraseLexicon(["not": 1, "not happy": 2, "not happy at all": 3, "happy": 4, "at": 5])
        let words = ["i", "am", "not", "happy", "at", "all", "not", "happy", "at", "happy", "not"]
        let matches = lexicon.matches(in: words)
        #expect(matches.map(\.phrase) == ["not happy at all", "not happy", "at", "happy", "not"])
        #expect(matches.map(\.position) == [2, 6, 8, 9, 10])
    }

    /// One lookup a word tells each lexicon where its phrases may start; what it finds is the same.
    @Test func theStartsOfSeveralLexiconsFindWhatEachFindsAlone() {
        let first = PhraseLexicon(["not happy": 2, "happy": 1, "refund now": 3])
        let second = PhraseLexicon(["happy days": 1, "now": 2, "cancel": 1])
        let starts = LexiconStarts([first, second])
        let words = ["not", "happy", "days", "happy", "days", "refund", "now", "cancel", "please", "now"]
        let masks = starts.masks(of: words)
        #expect(masks == [1, 3, 0, 3, 0, 1, 2, 2, 0, 2])
        #expect(first.matches(in: words, starts: masks, bit: 1) == first.matches(in: words))
        #expect(second.matches(in: words, starts: masks, bit: 2) == second.matches(in: words))
        #expect(
            second.matches(in: words, starts: masks, bit: 2).map(\.phrase) == [
                "happy days", "happy days", "now", "cancel", "now",
            ])
    }

    @Test func everyLexiconOnEveryTextOfTheSharedDataSets() throws {
        guard SharedData.isAvailable else {
            print("skipped: the shared data sets are not at \(SharedData.root.path)")
            return
        }
        var compared = 0
        var matched = 0
        var mismatches: [String] = []
        let starts = LexiconStarts(Self.lexicons.map(\.0))
        for text in try SharedData.texts(inFilesEndingWith: "dev.csv") {
            let words = Tokenizer().words(text)
            let masks = starts.masks(of: words)
            for (index, (lexicon, reference)) in Self.lexicons.enumerated() {
                compared += 1
                let found = lexicon.matches(in: words)
                matched += found.count
                let expected = Self.reference(reference, words)
                if found != expected || lexicon.matches(in: words, starts: masks, bit: 1 << index) != expected {
                    mismatches.append(text)
                }
            }
        }
        #expect(compared > 20_000)
        #expect(matched > 500)
        let sample = Array(mismatches.prefix(3))
        #expect(mismatches.count == 0, "\(sample)")
    }
}
