import Foundation
import Testing
import Triage

@testable import MailroomCore

/// The ticket's signals record is written by hand: it must parse to exactly the object the keys and values
/// describe, for any text a customer or a model can put in it, and give the model's draft back.
@Suite struct SignalsJSONTests {
    static let awkward = [
        "", "plain", "quote \" and backslash \\ and slash /", "line\nbreak\r\ttab", "bell \u{07} nul \u{00} del \u{7F}",
        "umlaut ä, CJK 注文, emoji 📦, RTL שלום", "\u{2028}\u{2029}", "{\"json\": [1, 2]}",
    ]

    static func signals(_ evidence: [String], score: Double) -> Signals {
        Signals(
            urgency: Signal(level: .critical, score: score, evidence: evidence),
            sentiment: Signal(level: .negative, score: -score, evidence: evidence.reversed()),
            churnRisk: Signal(level: .high, score: 1, evidence: []),
            language: Signal(level: "de", score: 0.5, evidence: ["und", "der"]))
    }

    static func parsed(_ json: String) throws -> NSDictionary {
        try #require(JSONSerialization.jsonObject(with: Data(json.utf8)) as? NSDictionary)
    }

    static func entry(_ level: String, _ score: Double, _ evidence: [String]) -> [String: Any] {
        ["level": level, "score": score, "evidence": evidence]
    }

    @Test(arguments: [0, 1, 0.1, 0.82, 1e-7, 0.123_456_789, 12_345.678, 3e20])
    func everyValueParsesBack(score: Double) throws {
        let prediction = IntentPrediction(
            intent: "track_order", confidence: score,
            alternatives: (0..<6).map {
                .init(intent: "alt\($0) \(Self.awkward[$0 % Self.awkward.count])", confidence: 0.01)
            })
        let opinion = ModelOpinion(
            answer: .init(
                intent: "get_refund", urgency: .high, sentiment: .negative, churnRisk: .medium, language: "en",
                statedConfidence: 0.9, calibratedConfidence: score, replyDraft: Self.awkward.joined(separator: "|"),
                reason: "because \"quoted\""),
            fallback: nil, provenance: .init(model: "m\\1", promptVersion: "1", promptHash: "h", schemaVersion: "1"),
            latencyMilliseconds: 5, attempts: 1, raw: nil)
        let json = SignalsJSON.encode(
            Self.signals(Self.awkward, score: score), prediction: prediction, opinion: opinion)
        let expected: [String: Any] = [
            "urgency": Self.entry("critical", score, Self.awkward),
            "sentiment": Self.entry("negative", -score, Self.awkward.reversed()),
            "churnRisk": Self.entry("high", 1, []), "language": Self.entry("de", 0.5, ["und", "der"]),
            "intents": [["intent": "track_order", "score": score]]
                + (0..<4).map { ["intent": "alt\($0) \(Self.awkward[$0 % Self.awkward.count])", "score": 0.01] },
            "llm": [
                "model": "m\\1", "intent": "get_refund", "statedConfidence": 0.9, "calibratedConfidence": score,
                "draft": Self.awkward.joined(separator: "|"), "reason": "because \"quoted\"",
            ],
        ]
        #expect(try Self.parsed(json) == expected as NSDictionary, "\(json)")
        #expect(SignalsJSON.draft(in: json) == Self.awkward.joined(separator: "|"))
    }

    @Test func withoutAPredictionOrAModelTheyAreEmptyAndAbsent() throws {
        let json = SignalsJSON.encode(.neutral)
        let expected: [String: Any] = [
            "urgency": Self.entry("low", 0, []), "sentiment": Self.entry("neutral", 0, []),
            "churnRisk": Self.entry("low", 0, []), "language": Self.entry("und", 0, []), "intents": [Any](),
        ]
        #expect(try Self.parsed(json) == expected as NSDictionary, "\(json)")
        #expect(SignalsJSON.draft(in: json) == nil)
    }

    @Test func aModelThatFailedRecordsItsFallbackAndNoAnswer() throws {
        let opinion = ModelOpinion(
            answer: nil, fallback: "timeout",
            provenance: .init(model: "m", promptVersion: "1", promptHash: "h", schemaVersion: "1"),
            latencyMilliseconds: 5, attempts: 2, raw: nil)
        let json = SignalsJSON.encode(.neutral, opinion: opinion)
        #expect(try Self.parsed(json)["llm"] as? NSDictionary == ["model": "m", "fallback": "timeout"] as NSDictionary)
    }

    /// (JSONSerialization reads numbers through NSDecimalNumber and loses the last digit of some: compared as text.)
    @Test(arguments: [0, -0.0, 1, -3, 0.1, 1e-7, 5e-324, 0.123_456_789_012_345_67, 1e15, 1e16, 3e20, 1.797e308])
    func numbersAreWrittenAsJSONEncoderWritesThem(value: Double) throws {
        struct Score: Encodable { var score: Double }
        let reference = String(decoding: try JSONEncoder().encode(Score(score: value)), as: UTF8.self)
        let number = reference.dropFirst(#"{"score":"#.count).dropLast()
        let json = SignalsJSON.encode(Self.signals([], score: value))
        #expect(json.contains(#""urgency":{"evidence":[],"level":"critical","score":\#(number)}"#), "\(json)")
        #expect(try Self.parsed(json).count == 5)
    }

    @Test func aNumberJSONCannotHoldGivesAnEmptyRecord() {
        #expect(SignalsJSON.encode(Self.signals([], score: .nan)) == "{}")
        #expect(SignalsJSON.encode(Self.signals([], score: .infinity)) == "{}")
    }

    @Test func theKeysAreSorted() {
        let json = SignalsJSON.encode(.neutral, prediction: IntentPrediction(intent: "x", confidence: 0.5))
        #expect(
            json == #"{"churnRisk":{"evidence":[],"level":"low","score":0},"intents":[{"intent":"x","score":0.5}],"#
                + #""language":{"evidence":[],"level":"und","score":0},"#
                + #""sentiment":{"evidence":[],"level":"neutral","score":0},"#
                + #""urgency":{"evidence":[],"level":"low","score":0}}"#)
    }
}
