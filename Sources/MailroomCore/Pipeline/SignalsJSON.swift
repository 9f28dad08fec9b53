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

    /// The language model's opinion, shown beside the local one; its draft is what `#send-draft` sends.
    private struct Model: Codable {
        var model: String
        var intent: String?
        var statedConfidence: Double?
        var calibratedConfidence: Double?
        var draft: String?
        var reason: String?
        var fallback: String?
    }

    private struct Record: Encodable {
        var urgency: Entry
        var sentiment: Entry
        var churnRisk: Entry
        var language: Entry
        var intents: [Scored]
        var llm: Model?
    }

    private struct ModelOnly: Decodable {
        var llm: Model?
    }

    /// The draft the language model wrote for the ticket's last classified message, if any.
    static func draft(in json: String?) -> String? {
        guard let json, let record = try? JSONDecoder().decode(ModelOnly.self, from: Data(json.utf8)) else {
            return nil
        }
        return record.llm?.draft.flatMap { $0.isEmpty ? nil : $0 }
    }

    static func encode(_ signals: Signals, prediction: IntentPrediction? = nil, opinion: ModelOpinion? = nil) -> String
    {
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
            language: entries["language"]!, intents: intents,
            llm: opinion.map {
                Model(
                    model: $0.provenance.model, intent: $0.answer?.intent,
                    statedConfidence: $0.answer?.statedConfidence,
                    calibratedConfidence: $0.answer?.calibratedConfidence, draft: $0.answer?.replyDraft,
                    reason: $0.answer?.reason, fallback: $0.fallback)
            })
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(record)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}

extension Ticket {
    /// The language model's draft reply for the ticket's last classified message, if there is one.
    public var modelDraft: String? { SignalsJSON.draft(in: signalsJSON) }
}
