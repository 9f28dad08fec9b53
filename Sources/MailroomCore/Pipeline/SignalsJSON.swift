import Foundation
import Triage

/// The signals with their scores and evidence, and the top intents with their scores, as compact JSON for the
/// ticket row (the console's decision trail shows them).
enum SignalsJSON {
    private struct Entry: Encodable {
        var level: String
        var score: Double
        var evidence: [String]
    }

    private struct Scored: Encodable {
        var intent: String
        var score: Double
    }

    private struct Record: Encodable {
        var urgency: Entry
        var sentiment: Entry
        var churnRisk: Entry
        var language: Entry
        var intents: [Scored]
    }

    static func encode(_ signals: Signals, prediction: IntentPrediction? = nil) -> String {
        let entries: [String: Entry] = [
            "urgency": Entry(
                level: signals.urgency.level.rawValue, score: signals.urgency.score, evidence: signals.urgency.evidence),
            "sentiment": Entry(
                level: signals.sentiment.level.rawValue, score: signals.sentiment.score,
                evidence: signals.sentiment.evidence),
            "churnRisk": Entry(
                level: signals.churnRisk.level.rawValue, score: signals.churnRisk.score,
                evidence: signals.churnRisk.evidence),
            "language": Entry(
                level: signals.language.level, score: signals.language.score, evidence: signals.language.evidence),
        ]
        var intents: [Scored] = []
        if let prediction {
            intents =
                [Scored(intent: prediction.intent, score: prediction.confidence)]
                + prediction.alternatives.prefix(4).map { Scored(intent: $0.intent, score: $0.confidence) }
        }
        let record = Record(
            urgency: entries["urgency"]!, sentiment: entries["sentiment"]!, churnRisk: entries["churnRisk"]!,
            language: entries["language"]!, intents: intents)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(record)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
