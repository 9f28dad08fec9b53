import Foundation

/// The answer a model must give: a strict JSON object whose intent is one of the model's labels or `unknown` (a
/// model must not invent a category), with urgency, sentiment, churn risk, language, a confidence in 0...1, a reply
/// draft and a short reason. ``schemaVersion`` names this shape in the audit trail.
public struct TriageSchema: Sendable, Hashable {
    /// The version of the shape, recorded with every decision.
    public static let schemaVersion = "triage-v1"
    /// The urgencies.
    public static let urgencies = ["low", "medium", "high", "critical"]
    /// The sentiments.
    public static let sentiments = ["negative", "neutral", "positive"]
    /// The churn risks.
    public static let churnRisks = ["low", "medium", "high"]

    /// The intents the model may name (`unknown` is added).
    public let intents: [String]

    /// A schema over `intents`.
    public init(intents: [String]) {
        self.intents = intents.filter { $0 != "unknown" } + ["unknown"]
    }

    /// The JSON Schema sent to the model (draft 2020-12 subset every flavor understands); ``validate(_:)`` checks
    /// more than it says (non-empty, at most 8,000 and 500 characters).
    public var json: [String: Any] {
        [
            "type": "object",
            "additionalProperties": false,
            "required": [
                "intent", "urgency", "sentiment", "churnRisk", "language", "confidence", "replyDraft", "reason",
            ],
            "properties": [
                "intent": ["type": "string", "enum": intents],
                "urgency": ["type": "string", "enum": Self.urgencies],
                "sentiment": ["type": "string", "enum": Self.sentiments],
                "churnRisk": ["type": "string", "enum": Self.churnRisks],
                "language": ["type": "string", "pattern": "^[a-z]{2}$"],
                "confidence": ["type": "number", "minimum": 0, "maximum": 1],
                // No length bounds here: llama.cpp turns a maxLength into one grammar rule per character (8,000
                // rules failed to parse and stopped the server), and OpenAI's strict mode refuses them. The
                // answer's length is bounded by `max_tokens` and checked by `validate`.
                "replyDraft": ["type": "string"],
                "reason": ["type": "string"],
            ] as [String: Any],
        ]
    }

    /// Checks a model's text against the schema; the answer, or why it is refused.
    public func validate(_ text: String) -> Result<TriageAnswer, TriageRejection> {
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)),
            case .object(let fields) = value
        else { return .failure(.badJSON) }
        let known: Set<String> = [
            "intent", "urgency", "sentiment", "churnRisk", "language", "confidence", "replyDraft", "reason",
        ]
        if let extra = fields.keys.first(where: { !known.contains($0) }) { return .failure(.extraField(extra)) }
        func string(_ key: String) -> Result<String, TriageRejection> {
            guard let value = fields[key] else { return .failure(.missingField(key)) }
            guard case .string(let text) = value else { return .failure(.wrongType(key)) }
            return .success(text)
        }
        func choice(_ key: String, _ allowed: [String]) -> Result<String, TriageRejection> {
            string(key).flatMap { allowed.contains($0) ? .success($0) : .failure(.notAllowed(key, $0)) }
        }
        do {
            let intent = try string("intent").get()
            guard intents.contains(intent) else { return .failure(.unknownIntent(intent)) }
            let urgency = try choice("urgency", Self.urgencies).get()
            let sentiment = try choice("sentiment", Self.sentiments).get()
            let churnRisk = try choice("churnRisk", Self.churnRisks).get()
            let language = try string("language").get()
            guard language.count == 2, language.allSatisfy({ ("a"..."z").contains($0) }) else {
                return .failure(.notAllowed("language", language))
            }
            guard let confidenceValue = fields["confidence"] else { return .failure(.missingField("confidence")) }
            guard case .number(let confidence) = confidenceValue else { return .failure(.wrongType("confidence")) }
            guard confidence.isFinite, (0...1).contains(confidence) else { return .failure(.outOfRange("confidence")) }
            let draft = try string("replyDraft").get().trimmingCharacters(in: .whitespacesAndNewlines)
            guard !draft.isEmpty else { return .failure(.emptyDraft) }
            guard draft.count <= 8000 else { return .failure(.outOfRange("replyDraft")) }
            let reason = try string("reason").get().trimmingCharacters(in: .whitespacesAndNewlines)
            guard !reason.isEmpty, reason.count <= 500 else { return .failure(.outOfRange("reason")) }
            return .success(
                TriageAnswer(
                    intent: intent, urgency: urgency, sentiment: sentiment, churnRisk: churnRisk, language: language,
                    confidence: confidence, replyDraft: draft, reason: reason))
        } catch let rejection as TriageRejection {
            return .failure(rejection)
        } catch {
            return .failure(.badJSON)
        }
    }
}

/// A model's answer that passed ``TriageSchema/validate(_:)``. Its confidence is the model's own claim: the
/// policy uses a calibrated one.
public struct TriageAnswer: Sendable, Hashable, Codable {
    /// One of the labels, or `unknown`.
    public var intent: String
    /// `low`, `medium`, `high` or `critical`.
    public var urgency: String
    /// `negative`, `neutral` or `positive`.
    public var sentiment: String
    /// `low`, `medium` or `high`.
    public var churnRisk: String
    /// An ISO 639-1 code.
    public var language: String
    /// The model's stated confidence, 0...1.
    public var confidence: Double
    /// The reply the model suggests (a draft for an agent unless the policy allows more).
    public var replyDraft: String
    /// Why, in a sentence.
    public var reason: String
}

/// Why an answer was refused before it could touch a ticket; `code` is a stable reason for the audit trail and
/// metrics.
public enum TriageRejection: Error, Sendable, Hashable, CustomStringConvertible {
    case badJSON
    case missingField(String)
    case extraField(String)
    case wrongType(String)
    case notAllowed(String, String)
    case unknownIntent(String)
    case outOfRange(String)
    case emptyDraft
    case refusal(String)
    case emptyAnswer

    /// A stable code: `bad_json`, `missing_field`, `extra_field`, `wrong_type`, `not_allowed`, `unknown_intent`,
    /// `out_of_range`, `empty_draft`, `refusal`, `empty_answer`.
    public var code: String {
        switch self {
        case .badJSON: "bad_json"
        case .missingField: "missing_field"
        case .extraField: "extra_field"
        case .wrongType: "wrong_type"
        case .notAllowed: "not_allowed"
        case .unknownIntent: "unknown_intent"
        case .outOfRange: "out_of_range"
        case .emptyDraft: "empty_draft"
        case .refusal: "refusal"
        case .emptyAnswer: "empty_answer"
        }
    }

    /// The code with what it concerns (never the customer's text).
    public var description: String {
        switch self {
        case .missingField(let key), .extraField(let key), .wrongType(let key), .outOfRange(let key):
            "\(code): \(key)"
        case .notAllowed(let key, _): "\(code): \(key)"
        case .unknownIntent(let intent): "\(code): \(intent.prefix(60))"
        case .refusal(let text): "\(code): \(text.prefix(120))"
        default: code
        }
    }
}

/// A JSON value, decoded strictly: a number is never a boolean, nor the other way round.
enum JSONValue: Decodable, Sendable, Hashable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let flag = try? container.decode(Bool.self) {
            self = .bool(flag)
        } else if let number = try? container.decode(Double.self) {
            self = .number(number)
        } else if let text = try? container.decode(String.self) {
            self = .string(text)
        } else if let array = try? container.decode([JSONValue].self) {
            self = .array(array)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }
}
