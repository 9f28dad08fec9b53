import Foundation
import MailroomCore
import Triage

/// Options of `mailroom classify`.
public struct ClassifyOptions: Sendable {
    /// The model file (nil: the built-in default model).
    public var model: String?
    /// One message to classify (prints JSON).
    public var text: String?
    /// A CSV with a `text` column to classify row by row.
    public var csv: String?
    /// Where the CSV with the added columns goes.
    public var out: String?

    /// Creates options.
    public init(model: String?, text: String?, csv: String?, out: String?) {
        self.model = model
        self.text = text
        self.csv = csv
        self.out = out
    }
}

/// `mailroom classify`: one text gives one JSON object; a CSV gets the columns intent, confidence, urgency,
/// sentiment, churnRisk, language, decision and reason. Without a usable built-in model every message is
/// escalated (the policy never guesses).
public func classifyMessages(_ options: ClassifyOptions) throws -> String {
    let model: IntentModel? =
        try options.model.map { path throws(TriageFileError) in try TriageFiles.model(at: path) }
        ?? (try? DefaultModel.load())
    let triage = MessageTriage(model: model)
    if let text = options.text {
        return ClassificationJSON.encode(triage.assess(text))
    }
    guard let csv = options.csv, let out = options.out else { return "" }
    let table = try TriageFiles.table(at: csv)
    guard let column = table.column("text") else { throw TriageFileError.missingColumns(csv, ["text"]) }
    let added = ["intent", "confidence", "urgency", "sentiment", "churnRisk", "language", "decision", "reason"]
    var lines = [(table.header + added).map(CSVTable.escape).joined(separator: ",")]
    var decisions: [String: Int] = [:]
    for row in table.rows {
        let assessment = triage.assess(row.count > column ? row[column] : "")
        decisions[assessment.decision.kind, default: 0] += 1
        let values = [
            assessment.prediction?.intent ?? "",
            assessment.prediction.map { String(format: "%.4f", $0.confidence) } ?? "",
            assessment.signals.urgency.level.rawValue, assessment.signals.sentiment.level.rawValue,
            assessment.signals.churnRisk.level.rawValue, assessment.signals.language.level,
            assessment.decision.kind, assessment.decision.explanation,
        ]
        lines.append((row + values).map(CSVTable.escape).joined(separator: ","))
    }
    try TriageFiles.write(text: lines.joined(separator: "\n") + "\n", to: out)
    let summary = decisions.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    return "classified \(table.rows.count) rows into \(out) (\(summary))"
}

/// Classification, signals and decision for one message.
public struct MessageTriage: Sendable {
    /// The intent model (nil: none available, so every message is escalated).
    public let model: IntentModel?
    /// The signal detector.
    public let detector = SignalDetector()
    /// The decision policy.
    public let policy: DecisionPolicy

    /// Creates a triage with a model and a policy.
    public init(model: IntentModel?, policy: DecisionPolicy = DecisionPolicy()) {
        self.model = model
        self.policy = policy
    }

    /// The assessment of one message: intent, signals, the best similar resolved ticket from `index` (if
    /// given), and the policy's decision with the sender and ticket facts. Only matches whose ticket has an
    /// approved knowledge entry in `approved` (ticket id -> entry id) may be reused.
    public func assess(
        _ text: String, index: SimilarityIndex? = nil, approved: [String: Int64] = [:],
        sender: SenderFacts = SenderFacts(), ticket: TicketFacts = TicketFacts()
    ) -> Assessment {
        let prediction = model?.predict(text)
        let signals = detector.signals(text)
        let similar = index?.query(text, k: 1).first.map {
            SimilarResolution(
                ticketID: $0.entry.ticketID, intent: $0.entry.intent, score: $0.score, resolution: $0.entry.resolution,
                knowledgeID: approved[$0.entry.ticketID])
        }
        let input = DecisionInput(
            prediction: prediction, signals: signals, similarResolution: similar, sender: sender, ticket: ticket)
        return Assessment(prediction: prediction, signals: signals, similar: similar, decision: policy.decide(input))
    }

    /// What triage says about one message.
    public struct Assessment: Sendable {
        /// The intent prediction, if a model was available.
        public var prediction: IntentPrediction?
        /// The signals.
        public var signals: Signals
        /// The most similar resolved ticket, when an index was given and something matched.
        public var similar: SimilarResolution?
        /// The decision.
        public var decision: Decision
    }
}

/// The JSON object printed by `mailroom classify --text`.
enum ClassificationJSON {
    struct SignalObject: Encodable {
        var level: String
        var score: Double
        var evidence: [String]
    }

    struct Alternative: Encodable {
        var intent: String
        var confidence: Double
    }

    struct Object: Encodable {
        var intent: String?
        var confidence: Double?
        var outOfScope: Bool?
        var alternatives: [Alternative]
        var urgency: SignalObject
        var sentiment: SignalObject
        var churnRisk: SignalObject
        var language: SignalObject
        var decision: String
        var reason: String
        var reasonCodes: [String]
    }

    static func encode(_ assessment: MessageTriage.Assessment) -> String {
        let signals = assessment.signals
        let object = Object(
            intent: assessment.prediction?.intent,
            confidence: assessment.prediction.map { ($0.confidence * 10_000).rounded() / 10_000 },
            outOfScope: assessment.prediction?.isOutOfScope,
            alternatives: (assessment.prediction?.alternatives ?? []).map {
                Alternative(intent: $0.intent, confidence: ($0.confidence * 10_000).rounded() / 10_000)
            },
            urgency: signalObject(signals.urgency.level.rawValue, signals.urgency.score, signals.urgency.evidence),
            sentiment: signalObject(
                signals.sentiment.level.rawValue, signals.sentiment.score, signals.sentiment.evidence),
            churnRisk: signalObject(
                signals.churnRisk.level.rawValue, signals.churnRisk.score, signals.churnRisk.evidence),
            language: signalObject(signals.language.level, signals.language.score, signals.language.evidence),
            decision: assessment.decision.kind,
            reason: assessment.decision.explanation,
            reasonCodes: assessment.decision.reasons.map(\.code.rawValue)
        )
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: (try? encoder.encode(object)) ?? Data("{}".utf8), as: UTF8.self)
    }

    private static func signalObject(_ level: String, _ score: Double, _ evidence: [String]) -> SignalObject {
        SignalObject(level: level, score: (score * 1000).rounded() / 1000, evidence: evidence)
    }
}
