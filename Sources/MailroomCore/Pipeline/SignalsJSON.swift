import Foundation
import Triage

/// The signals with their scores and evidence as compact JSON, for the ticket row and the audit trail.
enum SignalsJSON {
    private struct Entry: Encodable {
        var level: String
        var score: Double
        var evidence: [String]
    }

    static func encode(_ signals: Signals) -> String {
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
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return (try? encoder.encode(entries)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
    }
}
