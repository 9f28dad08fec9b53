import Foundation
import Triage

/// Which classifier's word the decision policy takes (`triage.backend`).
public enum TriageBackend: String, Sendable, Hashable, CaseIterable {
    /// The local classifier only (the default; no model is asked).
    case local
    /// The language model decides the intent and signals; the local classifier decides whenever the model gives no
    /// valid answer.
    case llm
    /// The local classifier decides; the model's opinion is recorded beside it, and the policy can require the two
    /// to agree before an automatic reply (`triage.requireAgreement`).
    case both
}

/// A language model's triage of one message, with everything the audit trail records about how it was asked.
public struct ModelOpinion: Sendable, Hashable {
    /// A validated answer.
    public struct Answer: Sendable, Hashable {
        /// One of the local model's labels, or `unknown` (the model knew none).
        public var intent: String
        /// The model's urgency.
        public var urgency: Urgency
        /// The model's sentiment.
        public var sentiment: Sentiment
        /// The model's churn risk.
        public var churnRisk: ChurnRisk
        /// ISO 639-1.
        public var language: String
        /// The confidence the model stated (0...1), never used as given.
        public var statedConfidence: Double
        /// The stated confidence through the calibration fitted by `mailroom evaluate --backend llm`; nil when
        /// none is fitted (then no automatic reply rests on it).
        public var calibratedConfidence: Double?
        /// The reply the model drafted; sent only by an agent (`#send-draft`) or under `llm.autoSendDrafts`.
        public var replyDraft: String
        /// The model's short reason.
        public var reason: String

        /// Creates an answer.
        public init(
            intent: String, urgency: Urgency, sentiment: Sentiment, churnRisk: ChurnRisk, language: String,
            statedConfidence: Double, calibratedConfidence: Double?, replyDraft: String, reason: String
        ) {
            self.intent = intent
            self.urgency = urgency
            self.sentiment = sentiment
            self.churnRisk = churnRisk
            self.language = language
            self.statedConfidence = statedConfidence
            self.calibratedConfidence = calibratedConfidence
            self.replyDraft = replyDraft
            self.reason = reason
        }

        /// Whether the model said the message fits none of the intents.
        public var isUnknown: Bool { intent == "unknown" }
    }

    /// How the model was asked: recorded with every decision that had an opinion.
    public struct Provenance: Sendable, Hashable {
        /// `llm.model`.
        public var model: String
        /// The prompt files' versions, e.g. `intents@1,language@1,policy@1`.
        public var promptVersion: String
        /// SHA-256 (hex) of the system prompt as sent.
        public var promptHash: String
        /// The answer's schema, e.g. `triage-v1`.
        public var schemaVersion: String

        /// Creates a provenance.
        public init(model: String, promptVersion: String, promptHash: String, schemaVersion: String) {
            self.model = model
            self.promptVersion = promptVersion
            self.promptHash = promptHash
            self.schemaVersion = schemaVersion
        }
    }

    /// The validated answer, or nil: then ``fallback`` says why the local classifier decides.
    public var answer: Answer?
    /// Why there is no answer: `circuit_open`, `timeout`, `http_429`, `unknown_intent`, `bad_json`, ...
    public var fallback: String?
    /// The fallback's detail.
    public var fallbackDetail: String?
    /// How the model was asked.
    public var provenance: Provenance
    /// From the first request to the answer.
    public var latencyMilliseconds: Int
    /// Requests made (retries included).
    public var attempts: Int
    /// The model's raw answer (or the error body), kept for the audit trail.
    public var raw: String?

    /// Creates an opinion.
    public init(
        answer: Answer?, fallback: String?, fallbackDetail: String? = nil, provenance: Provenance,
        latencyMilliseconds: Int, attempts: Int, raw: String?
    ) {
        self.answer = answer
        self.fallback = fallback
        self.fallbackDetail = fallbackDetail
        self.provenance = provenance
        self.latencyMilliseconds = latencyMilliseconds
        self.attempts = attempts
        self.raw = raw
    }

    /// The answer as a prediction the policy can use: the calibrated confidence (the stated one only when
    /// `calibratedConfidence` is nil, and then the policy refuses to act on it); `unknown` is out of scope.
    public var prediction: IntentPrediction? {
        answer.map {
            IntentPrediction(
                intent: $0.intent, confidence: $0.calibratedConfidence ?? $0.statedConfidence,
                isOutOfScope: $0.isUnknown)
        }
    }

    /// The audit record: backend, model, prompt version and hash, schema version, latency, attempts, the outcome
    /// and the raw answer (at most 4,000 characters), as one JSON object with sorted keys.
    public func auditJSON(backend: TriageBackend) -> String {
        var record: [String: Any] = [
            "backend": backend.rawValue, "model": provenance.model, "promptVersion": provenance.promptVersion,
            "promptHash": provenance.promptHash, "schemaVersion": provenance.schemaVersion,
            "latencyMs": latencyMilliseconds, "attempts": attempts,
        ]
        if let raw { record["raw"] = String(raw.prefix(4000)) }
        if let answer {
            record["intent"] = answer.intent
            record["statedConfidence"] = answer.statedConfidence
            if let calibrated = answer.calibratedConfidence { record["calibratedConfidence"] = calibrated }
        }
        if let fallback { record["fallback"] = fallback }
        if let fallbackDetail { record["fallbackDetail"] = String(fallbackDetail.prefix(300)) }
        guard let data = try? JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]) else {
            return "{}"
        }
        return String(decoding: data, as: UTF8.self)
    }
}
